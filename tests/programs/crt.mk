# The C runtime's test programs (tests/programs/crt/*.c), each built twice: against msvcrt.dll (mingw-w64's
# default) as crt/NAME.exe and against the Universal CRT as crt/NAME-ucrt.exe.
#
# gcc 12's mingw-w64 has no -mcrtdll: a specs file that links -lucrt instead of -lmsvcrt, plus -D_UCRT for the
# headers, gives a program importing api-ms-win-crt-*-l1-1-0.dll (mapped to ucrtbase.dll by the loader).

CRT_PROG_SRC := tests/programs/crt
CRT_PROG_DIR := $(PROG_DIR)/crt
CRT_UCRT_SPECS := build/tests/ucrt.specs
CRT_PROG_NAMES := $(basename $(notdir $(wildcard $(CRT_PROG_SRC)/*.c)))
CRT_PROGRAMS := $(CRT_PROG_NAMES:%=$(CRT_PROG_DIR)/%.exe) $(CRT_PROG_NAMES:%=$(CRT_PROG_DIR)/%-ucrt.exe)

$(CRT_UCRT_SPECS):
	@mkdir -p $(dir $@)
	$(MINGW_CC) -dumpspecs | sed 's/-lmsvcrt/-lucrt/g' > $@

$(CRT_PROG_DIR)/%.exe: $(CRT_PROG_SRC)/%.c tests/programs/crt.mk
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

$(CRT_PROG_DIR)/%-ucrt.exe: $(CRT_PROG_SRC)/%.c $(CRT_UCRT_SPECS) tests/programs/crt.mk
	@mkdir -p $(dir $@)
	$(MINGW_CC) -specs=$(CRT_UCRT_SPECS) -D_UCRT $(MINGW_CFLAGS) -o $@ $<

crt-programs: $(CRT_PROGRAMS)

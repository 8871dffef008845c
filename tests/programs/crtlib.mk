# Test programs of the C runtime's library half (tests/programs/crtlib/*.c), each built twice: against
# msvcrt.dll (mingw-w64's default) as crtlib/NAME.exe and against the Universal CRT as crtlib/NAME-ucrt.exe
# (gcc 12 has no -mcrtdll: a specs file linking -lucrt instead of -lmsvcrt, and -D_UCRT for the headers).
# setjmp_seh.c uses __try/__finally, which only clang compiles for the mingw-w64 target.

CRTLIB_SRC := tests/programs/crtlib
CRTLIB_DIR := $(PROG_DIR)/crtlib
CRTLIB_OBJ := build/tests/crtlib-obj
CRTLIB_SPECS := build/tests/crtlib-ucrt.specs
CRTLIB_NAMES := $(basename $(notdir $(wildcard $(CRTLIB_SRC)/*.c)))
CRTLIB_PLAIN := $(filter-out setjmp_seh,$(CRTLIB_NAMES))
CRTLIB_PROGRAMS := $(CRTLIB_PLAIN:%=$(CRTLIB_DIR)/%.exe) $(CRTLIB_PLAIN:%=$(CRTLIB_DIR)/%-ucrt.exe) \
                   $(CRTLIB_DIR)/setjmp_seh.exe $(CRTLIB_DIR)/setjmp_seh-ucrt.exe

$(CRTLIB_SPECS):
	@mkdir -p $(dir $@)
	$(MINGW_CC) -dumpspecs | sed 's/-lmsvcrt/-lucrt/g' > $@

$(CRTLIB_DIR)/%.exe: $(CRTLIB_SRC)/%.c tests/programs/crtlib.mk
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

$(CRTLIB_DIR)/%-ucrt.exe: $(CRTLIB_SRC)/%.c $(CRTLIB_SPECS) tests/programs/crtlib.mk
	@mkdir -p $(dir $@)
	$(MINGW_CC) -specs=$(CRTLIB_SPECS) -D_UCRT $(MINGW_CFLAGS) -o $@ $<

$(CRTLIB_OBJ)/setjmp_seh.o: $(CRTLIB_SRC)/setjmp_seh.c
	@mkdir -p $(dir $@)
	$(CLANG) --target=x86_64-w64-mingw32 -fms-extensions -O2 -Wall -Werror -c -o $@ $<

$(CRTLIB_OBJ)/setjmp_seh-ucrt.o: $(CRTLIB_SRC)/setjmp_seh.c
	@mkdir -p $(dir $@)
	$(CLANG) --target=x86_64-w64-mingw32 -fms-extensions -D_UCRT -O2 -Wall -Werror -c -o $@ $<

$(CRTLIB_DIR)/setjmp_seh.exe: $(CRTLIB_OBJ)/setjmp_seh.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) -Wl,--no-insert-timestamp -o $@ $<

$(CRTLIB_DIR)/setjmp_seh-ucrt.exe: $(CRTLIB_OBJ)/setjmp_seh-ucrt.o $(CRTLIB_SPECS)
	@mkdir -p $(dir $@)
	$(MINGW_CC) -specs=$(CRTLIB_SPECS) -Wl,--no-insert-timestamp -o $@ $<

crtlib-programs: $(CRTLIB_PROGRAMS)

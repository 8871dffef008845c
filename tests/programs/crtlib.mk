# Test programs of the C runtime's library half (tests/programs/crtlib/*.c), each built twice by the rules of
# programs.mk: against msvcrt.dll as crtlib/NAME.exe and against the Universal CRT as crtlib/NAME-ucrt.exe.
# setjmp_seh.c uses __try/__finally, so clang compiles it (CLANG_MINGW_CC) and mingw-w64's gcc links it.

CRTLIB_DIR := $(PROG_DIR)/crtlib
CRTLIB_OBJ := build/tests/crtlib-obj
CRTLIB_NAMES := $(basename $(notdir $(wildcard tests/programs/crtlib/*.c)))
CRTLIB_PROGRAMS := $(CRTLIB_NAMES:%=$(CRTLIB_DIR)/%.exe) $(CRTLIB_NAMES:%=$(CRTLIB_DIR)/%-ucrt.exe)

$(CRTLIB_OBJ)/setjmp_seh.o: tests/programs/crtlib/setjmp_seh.c
	@mkdir -p $(dir $@)
	$(CLANG_MINGW_CC) -c -o $@ $<

$(CRTLIB_OBJ)/setjmp_seh-ucrt.o: tests/programs/crtlib/setjmp_seh.c
	@mkdir -p $(dir $@)
	$(CLANG_MINGW_CC) -D_UCRT -c -o $@ $<

$(CRTLIB_DIR)/setjmp_seh.exe: $(CRTLIB_OBJ)/setjmp_seh.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) -Wl,--no-insert-timestamp -o $@ $<

$(CRTLIB_DIR)/setjmp_seh-ucrt.exe: $(CRTLIB_OBJ)/setjmp_seh-ucrt.o $(UCRT_SPECS)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_UCRT) -Wl,--no-insert-timestamp -o $@ $<

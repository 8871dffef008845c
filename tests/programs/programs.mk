# Windows test programs (PE32+), built with mingw-w64 by `make programs` into build/tests/programs.
# A plain C program is tests/programs/NAME.c -> NAME.exe with the default flags. Each other group has its
# own tests/programs/GROUP.mk (included below) that adds its targets to ALL_PROGRAMS.

PROG_DIR := build/tests/programs
MINGW_CFLAGS := -O2 -Wall -Wl,--no-insert-timestamp

# The Universal CRT: gcc 12's mingw-w64 has no -mcrtdll. A specs file linking -lucrt instead of -lmsvcrt, plus
# -D_UCRT for the headers, gives a program importing api-ms-win-crt-*-l1-1-0.dll (ucrtbase.dll to the loader).
# tests/programs/DIR/NAME.c builds as DIR/NAME-ucrt.exe this way, beside DIR/NAME.exe built the default way.
UCRT_SPECS := build/tests/ucrt.specs
MINGW_UCRT := -specs=$(UCRT_SPECS) -D_UCRT

# __try/__except/__finally: gcc does not implement them, so clang compiles such a program for the mingw-w64
# target and mingw-w64's gcc links it.
CLANG_MINGW_CC := $(CLANG) --target=x86_64-w64-mingw32 -fms-extensions -O2 -Wall -Werror

PLAIN_PROGRAMS := $(basename $(notdir $(wildcard tests/programs/*.c)))
ALL_PROGRAMS := $(addprefix $(PROG_DIR)/,$(addsuffix .exe,$(PLAIN_PROGRAMS)))

include $(sort $(filter-out tests/programs/programs.mk,$(wildcard tests/programs/*.mk)))

ALL_PROGRAMS += $(PE_FIXTURES) $(CHAIN_PROGRAMS) $(SEH_PROGRAMS) $(CRT_PROGRAMS) $(CRTLIB_PROGRAMS) $(K32_PROGRAMS)

programs: test-deps $(ALL_PROGRAMS)

$(PROG_DIR)/%.exe: tests/programs/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

$(PROG_DIR)/%-ucrt.exe: tests/programs/%.c $(UCRT_SPECS)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_UCRT) $(MINGW_CFLAGS) -o $@ $<

$(UCRT_SPECS):
	@mkdir -p $(dir $@)
	$(MINGW_CC) -dumpspecs | sed 's/-lmsvcrt/-lucrt/g' > $@

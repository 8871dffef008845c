# Windows test programs (PE32+), built with mingw-w64 by `make programs` into build/tests/programs.
# A plain C program is tests/programs/NAME.c -> NAME.exe with the default flags; the others have rules here.

PROG_DIR := build/tests/programs
MINGW_CFLAGS := -O2 -Wall -Wl,--no-insert-timestamp

PLAIN_PROGRAMS := $(basename $(notdir $(wildcard tests/programs/*.c)))
SPECIAL_PROGRAMS :=
PROGRAMS := $(addprefix $(PROG_DIR)/,$(addsuffix .exe,$(filter-out $(SPECIAL_PROGRAMS),$(PLAIN_PROGRAMS))))

include tests/programs/pe.mk
include tests/programs/crt.mk

programs: test-deps $(PROGRAMS) $(PE_FIXTURES) $(CRT_PROGRAMS)

$(PROG_DIR)/%.exe: tests/programs/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

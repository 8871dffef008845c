# Windows test programs (PE32+), built with mingw-w64 by `make programs` into build/tests/programs.
# A plain C program is tests/programs/NAME.c -> NAME.exe with the default flags. Each other group has its
# own tests/programs/GROUP.mk (included below) that adds its targets to ALL_PROGRAMS.

PROG_DIR := build/tests/programs
MINGW_CFLAGS := -O2 -Wall -Wl,--no-insert-timestamp

PLAIN_PROGRAMS := $(basename $(notdir $(wildcard tests/programs/*.c)))
ALL_PROGRAMS := $(addprefix $(PROG_DIR)/,$(addsuffix .exe,$(PLAIN_PROGRAMS)))

include $(sort $(filter-out tests/programs/programs.mk,$(wildcard tests/programs/*.mk)))

ALL_PROGRAMS += $(PE_FIXTURES) $(CHAIN_PROGRAMS) $(SEH_PROGRAMS) $(CRT_PROGRAMS) $(CRTLIB_PROGRAMS) $(K32_PROGRAMS)

programs: test-deps $(ALL_PROGRAMS)

$(PROG_DIR)/%.exe: tests/programs/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

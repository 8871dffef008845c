# dbghelp (tests/e2e/dbghelp_*), from tests/programs/dbghelp/: symbols from exports, stack walks.
DBGHELP_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/dbghelp/*.c)))
DBGHELP_PROGRAMS := $(DBGHELP_PROG_NAMES:%=$(PROG_DIR)/dbghelp/%.exe)

$(PROG_DIR)/dbghelp/%.exe: tests/programs/dbghelp/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -g -o $@ $< -ldbghelp

ALL_PROGRAMS += $(DBGHELP_PROGRAMS)

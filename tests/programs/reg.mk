# The registry (tests/e2e/reg_*), from tests/programs/reg/: regtest.exe exercises advapi32's Reg* functions;
# each case runs it with NTEXEC_REGISTRY pointing at a store of its own (the case's harness).
REG_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/reg/*.c)))
REG_PROGRAMS := $(REG_PROG_NAMES:%=$(PROG_DIR)/reg/%.exe)

$(PROG_DIR)/reg/%.exe: tests/programs/reg/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -ladvapi32

ALL_PROGRAMS += $(REG_PROGRAMS)

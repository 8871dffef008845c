# Thread pools and I/O completion ports (tests/e2e/pool_*), from tests/programs/pool/.
POOL_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/pool/*.c)))
POOL_PROGRAMS := $(POOL_PROG_NAMES:%=$(PROG_DIR)/pool/%.exe)

$(PROG_DIR)/pool/%.exe: tests/programs/pool/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

ALL_PROGRAMS += $(POOL_PROGRAMS)

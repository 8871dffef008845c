# kernel32's system-information family (tests/e2e/sys_*), from tests/programs/sys/.
SYS_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/sys/*.c)))
SYS_PROGRAMS := $(SYS_PROG_NAMES:%=$(PROG_DIR)/sys/%.exe)

$(PROG_DIR)/sys/%.exe: tests/programs/sys/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

ALL_PROGRAMS += $(SYS_PROGRAMS)

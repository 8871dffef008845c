# Services given unusable pointers (tests/e2e/probe_*), from tests/programs/probe/.
PROBE_PROGRAMS := $(PROG_DIR)/probe/badptr.exe
ALL_PROGRAMS += $(PROBE_PROGRAMS)

$(PROG_DIR)/probe/%.exe: tests/programs/probe/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

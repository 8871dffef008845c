# iphlpapi (tests/e2e/iphlp_*), from tests/programs/iphlp/. ws2_32 is linked for its types only: the
# programs call no Winsock function.
IPHLP_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/iphlp/*.c)))
IPHLP_PROGRAMS := $(IPHLP_PROG_NAMES:%=$(PROG_DIR)/iphlp/%.exe)

$(PROG_DIR)/iphlp/%.exe: tests/programs/iphlp/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -liphlpapi

ALL_PROGRAMS += $(IPHLP_PROGRAMS)

# iphlpapi (tests/e2e/iphlp_*), from tests/programs/iphlp/. ws2_32 is linked for the address helpers
# (inet_addr, ntohl) a program uses to check what iphlpapi returns.
IPHLP_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/iphlp/*.c)))
IPHLP_PROGRAMS := $(IPHLP_PROG_NAMES:%=$(PROG_DIR)/iphlp/%.exe)

$(PROG_DIR)/iphlp/%.exe: tests/programs/iphlp/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -liphlpapi -lws2_32

ALL_PROGRAMS += $(IPHLP_PROGRAMS)

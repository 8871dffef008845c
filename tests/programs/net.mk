# Winsock over host sockets (tests/e2e/net_*), from tests/programs/net/: loopback only.
NET_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/net/*.c)))
NET_PROGRAMS := $(NET_PROG_NAMES:%=$(PROG_DIR)/net/%.exe)

$(PROG_DIR)/net/%.exe: tests/programs/net/%.c tests/programs/net/loopback.h
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -lws2_32 -ldnsapi

ALL_PROGRAMS += $(NET_PROGRAMS)

# Winsock over host sockets (tests/e2e/net_*), from tests/programs/net/: loopback only.
NET_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/net/*.c)))
NET_PROGRAMS := $(NET_PROG_NAMES:%=$(PROG_DIR)/net/%.exe)

$(PROG_DIR)/net/%.exe: tests/programs/net/%.c tests/programs/net/loopback.h
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -lws2_32 -ldnsapi

# ordinals.exe imports Winsock by ordinal only, through an import library made from ordinals.def.
NET_OBJ := build/tests/net-obj
$(NET_OBJ)/libws2_32_ordinals.a: tests/programs/net/ordinals.def
	@mkdir -p $(dir $@)
	x86_64-w64-mingw32-dlltool -d $< -l $@

$(PROG_DIR)/net/ordinals.exe: tests/programs/net/ordinals.c $(NET_OBJ)/libws2_32_ordinals.a
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $^

ALL_PROGRAMS += $(NET_PROGRAMS)

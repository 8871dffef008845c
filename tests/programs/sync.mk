# Threads and synchronization (tests/e2e/sync_*), from tests/programs/sync/: contention tests of SRW locks,
# critical sections, condition variables, run-once, WaitOnAddress (through api-ms-win-core-synch-l1-2-0, as
# mingw-w64's libsynchronization links it), SLists, FLS/TLS slots, priorities and affinities.
SYNC_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/sync/*.c)))
SYNC_PROGRAMS := $(SYNC_PROG_NAMES:%=$(PROG_DIR)/sync/%.exe)

$(PROG_DIR)/sync/%.exe: tests/programs/sync/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -lsynchronization

ALL_PROGRAMS += $(SYNC_PROGRAMS)

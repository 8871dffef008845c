# Threads and synchronization (tests/e2e/sync_*), from tests/programs/sync/: contention tests of SRW locks,
# critical sections, condition variables, run-once, WaitOnAddress (through api-ms-win-core-synch-l1-2-0, as
# mingw-w64's libsynchronization links it), SLists, FLS/TLS slots, priorities and affinities.
SYNC_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/sync/*.c)))
SYNC_PROGRAMS := $(SYNC_PROG_NAMES:%=$(PROG_DIR)/sync/%.exe)

$(PROG_DIR)/sync/%.exe: tests/programs/sync/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -lsynchronization

# g++'s posix thread model, its DLLs beside it in their own directory (the win32 model's libstdc++-6.dll of
# k32.mk has the same name). Their debug sections go (strip --strip-debug): the runner copies every program
# into every case's directory, and libstdc++-6.dll is 23 MB with them, 2 MB without.
MINGW_CXX_POSIX ?= x86_64-w64-mingw32-g++-posix
MINGW_STRIP ?= x86_64-w64-mingw32-strip
SYNC_POSIX_DLLS := libwinpthread-1.dll libstdc++-6.dll libgcc_s_seh-1.dll
SYNC_PROGRAMS += $(PROG_DIR)/posix/cxx_threads.exe $(SYNC_POSIX_DLLS:%=$(PROG_DIR)/posix/%) \
                 $(PROG_DIR)/cxx_threads_static.exe

$(PROG_DIR)/posix/cxx_threads.exe: tests/programs/sync/cxx_threads.cpp
	@mkdir -p $(dir $@)
	$(MINGW_CXX_POSIX) -O2 -Wall -Werror -std=c++17 -Wl,--no-insert-timestamp -o $@ $<

# The same program linked statically (libstdc++, libgcc and winpthread inside the exe), outside posix/ so
# that no DLL of that directory is beside it.
$(PROG_DIR)/cxx_threads_static.exe: tests/programs/sync/cxx_threads.cpp
	@mkdir -p $(dir $@)
	$(MINGW_CXX_POSIX) -O2 -Wall -Werror -std=c++17 -static -Wl,--no-insert-timestamp -o $@ $<

$(SYNC_POSIX_DLLS:%=$(PROG_DIR)/posix/%):
	@mkdir -p $(dir $@)
	$(MINGW_STRIP) --strip-debug -o $@ "$$($(MINGW_CXX_POSIX) -print-file-name=$(notdir $@))"

ALL_PROGRAMS += $(SYNC_PROGRAMS)

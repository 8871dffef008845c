# kernel32's messages, volumes and hard links (tests/e2e/k32_*), from tests/programs/k32/: k32vol.exe (with
# a data resource but no message table), msgtable.dll (a message table compiled by windmc), and C++
# programs built the default way, linked against libstdc++-6.dll and libgcc_s_seh-1.dll (tests/e2e/cxxdll_*).
# Those two DLLs are copied unchanged from the mingw-w64 installation into build/tests/programs, which the
# test runner copies into every case's directory, so they sit beside the programs as on Windows.
K32_SRC := tests/programs/k32
K32_OBJ := build/tests/k32-obj
MINGW_WINDMC  ?= x86_64-w64-mingw32-windmc
MINGW_WINDRES ?= x86_64-w64-mingw32-windres

K32_PROGRAMS := $(addprefix $(PROG_DIR)/,k32vol.exe k32crt.exe msgtable.dll seh_cxx_dll.exe cxxdll_fs.exe libstdc++-6.dll \
                  libgcc_s_seh-1.dll)

$(K32_OBJ)/msgtable.rc: $(K32_SRC)/msgtable.mc
	@mkdir -p $(dir $@)
	$(MINGW_WINDMC) -h $(K32_OBJ) -r $(K32_OBJ) $<

$(K32_OBJ)/msgtable_res.o: $(K32_OBJ)/msgtable.rc
	$(MINGW_WINDRES) -I$(K32_OBJ) -i $< -o $@

$(K32_OBJ)/k32res.o: $(K32_SRC)/k32res.rc
	@mkdir -p $(dir $@)
	$(MINGW_WINDRES) -i $< -o $@

$(PROG_DIR)/msgtable.dll: $(K32_SRC)/msgtable.c $(K32_OBJ)/msgtable_res.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $^

$(PROG_DIR)/k32vol.exe: $(K32_SRC)/k32vol.c $(K32_OBJ)/k32res.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $^

# The default g++ command: libstdc++ and libgcc as DLLs (no -static-libgcc/-static-libstdc++).
$(PROG_DIR)/seh_cxx_dll.exe: tests/programs/seh/seh_cxx.cpp
	@mkdir -p $(dir $@)
	$(MINGW_CXX) -O2 -Wall -Werror -Wl,--no-insert-timestamp -o $@ $<

$(PROG_DIR)/cxxdll_fs.exe: $(K32_SRC)/cxxdll_fs.cpp
	@mkdir -p $(dir $@)
	$(MINGW_CXX) -O2 -std=c++17 -Wall -Werror -Wl,--no-insert-timestamp -o $@ $<

$(PROG_DIR)/libstdc++-6.dll $(PROG_DIR)/libgcc_s_seh-1.dll:
	@mkdir -p $(dir $@)
	cp "$$($(MINGW_CXX) -print-file-name=$(notdir $@))" $@

$(PROG_DIR)/k32crt.exe: $(K32_SRC)/k32crt.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

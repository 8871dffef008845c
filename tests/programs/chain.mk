# Programs for the chain's end-to-end tests (tests/e2e/chain_*), from tests/programs/chain/.
CHAIN_SRC := tests/programs/chain
CHAIN_OBJ := build/tests/chain-obj

CHAIN_PROGRAMS := $(addprefix $(PROG_DIR)/,chain_nostdlib.exe chain_peb_teb.exe chain_relocated.exe \
                  chain_aslr.exe chain_exitcode.exe chain_crash.exe chain_badimport.exe chain_missingdll.exe \
                  chain_notmz.exe chain_truncated.exe chain_noext.exe noext)

$(PROG_DIR)/chain_nostdlib.exe: $(CHAIN_SRC)/nostdlib.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -nostdlib -e entry -Wl,--dynamicbase -o $@ $< -lkernel32

# mingw's __readgsqword trips -Warray-bounds at -O2 (a header issue, not this program's).
$(PROG_DIR)/chain_peb_teb.exe: MINGW_CFLAGS += -Wno-array-bounds

$(PROG_DIR)/chain_peb_teb.exe $(PROG_DIR)/chain_aslr.exe $(PROG_DIR)/chain_exitcode.exe $(PROG_DIR)/chain_crash.exe: \
    $(PROG_DIR)/chain_%.exe: $(CHAIN_SRC)/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

# Linked where KUSER_SHARED_DATA lives, without ASLR but with its relocations kept.
$(PROG_DIR)/chain_relocated.exe: $(CHAIN_SRC)/relocated.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -Wl,--disable-dynamicbase,--disable-high-entropy-va,--image-base=0x7ffe0000 \
	    -Wl,--enable-reloc-section -o $@ $<

$(CHAIN_OBJ)/lib%.a: $(CHAIN_SRC)/%.def
	@mkdir -p $(dir $@)
	x86_64-w64-mingw32-dlltool -d $< -l $@

$(PROG_DIR)/chain_badimport.exe $(PROG_DIR)/chain_missingdll.exe: $(PROG_DIR)/chain_%.exe: $(CHAIN_SRC)/%.c \
    $(CHAIN_OBJ)/lib%.a
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $^

# A DLL file without an extension ("noext"), loaded as "noext." (no ".dll" appended). The linker would
# name it noext.exe, so it is linked as noext.dll and renamed.
$(PROG_DIR)/noext: $(CHAIN_SRC)/noext_dll.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@.dll $<
	mv $@.dll $@

$(PROG_DIR)/chain_noext.exe: $(CHAIN_SRC)/noext.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

# Images that are not programs: a text file, and a real program cut short inside its headers.
$(PROG_DIR)/chain_notmz.exe:
	@mkdir -p $(dir $@)
	printf 'This is a text file, not a program.\n' > $@

$(PROG_DIR)/chain_truncated.exe: $(PROG_DIR)/hello.exe
	head -c 300 $< > $@

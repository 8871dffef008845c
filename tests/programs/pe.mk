# Fixtures for the PE reader's tests (tests/unit/test_pe*.c, test_inspect.c) and fuzz seeds: real images
# built by mingw-w64 from tests/programs/pe/, each with an `objdump -p` listing the tests compare against.
# Images go to $(PROG_DIR), listings to $(PROG_DIR)/listings, intermediate files to build/tests/pe-obj.

PE_SRC := tests/programs/pe
PE_OBJ := build/tests/pe-obj
PE_LST := $(PROG_DIR)/listings

MINGW_OBJDUMP ?= x86_64-w64-mingw32-objdump
MINGW_NM      ?= x86_64-w64-mingw32-nm
MINGW_DLLTOOL ?= x86_64-w64-mingw32-dlltool
MINGW_WINDRES ?= x86_64-w64-mingw32-windres
MINGW_LD      ?= x86_64-w64-mingw32-ld
# mingw-w64's x86-64 binutils can link i386 PE but ship no script for it; the host binutils has one.
I386PE_LDSCRIPT ?= $(firstword $(wildcard /usr/lib/x86_64-linux-gnu/ldscripts/i386pe.x \
                                          /usr/x86_64-w64-mingw32/lib/ldscripts/i386pe.x))

PE_IMAGES := $(addprefix $(PROG_DIR)/,pe_exports.dll pe_imports.exe pe_tls.exe pe_reloc.exe pe_delay.exe)
ifneq ($(I386PE_LDSCRIPT),)
PE_IMAGES += $(PROG_DIR)/pe32.exe
endif
PE_FIXTURES := $(PE_IMAGES) $(patsubst $(PROG_DIR)/%,$(PE_LST)/%.objdump,$(PE_IMAGES) $(PROG_DIR)/hello.exe) \
               $(PE_LST)/pe_tls.exe.nm $(PE_LST)/pe_delay.exe.nm

$(PE_OBJ)/pe_exports.res.o: $(PE_SRC)/pe_exports.rc
	@mkdir -p $(dir $@)
	$(MINGW_WINDRES) -i $< -o $@

$(PROG_DIR)/pe_exports.dll: $(PE_SRC)/pe_exports.c $(PE_SRC)/pe_exports.def $(PE_OBJ)/pe_exports.res.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $^ -Wl,--out-implib,$(PE_OBJ)/libpe_exports.a

$(PE_OBJ)/libpe_exports.a: $(PROG_DIR)/pe_exports.dll

$(PROG_DIR)/pe_imports.exe: $(PE_SRC)/pe_imports.c $(PE_OBJ)/libpe_exports.a
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $^

$(PROG_DIR)/pe_tls.exe $(PROG_DIR)/pe_reloc.exe: $(PROG_DIR)/%.exe: $(PE_SRC)/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -Wl,--dynamicbase -o $@ $<

$(PE_OBJ)/libpe_exports_delay.a: $(PE_SRC)/pe_exports.def
	@mkdir -p $(dir $@)
	cd $(dir $@) && $(MINGW_DLLTOOL) -d $(abspath $<) -D pe_exports.dll -y $(notdir $@) # symbols named after the file

$(PROG_DIR)/pe_delay.exe: $(PE_SRC)/pe_delay.c $(PE_OBJ)/libpe_exports_delay.a $(PE_SRC)/set-delay-dir.sh
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $(PE_SRC)/pe_delay.c $(PE_OBJ)/libpe_exports_delay.a
	MINGW_NM=$(MINGW_NM) $(PE_SRC)/set-delay-dir.sh $@

# PE32: no 32-bit C runtime is installed, so pe32.c is freestanding and linked by ld directly.
$(PROG_DIR)/pe32.exe: $(PE_SRC)/pe32.c $(PE_SRC)/pe32_kernel32.def $(PE_SRC)/pe_exports.def
	@mkdir -p $(dir $@) $(PE_OBJ)
	$(MINGW_DLLTOOL) -m i386 --as-flags=--32 -k -d $(PE_SRC)/pe32_kernel32.def -l $(PE_OBJ)/libkernel32_32.a
	$(MINGW_DLLTOOL) -m i386 --as-flags=--32 -d $(PE_SRC)/pe_exports.def -D pe_exports.dll \
	    -l $(PE_OBJ)/libpe_exports_32.a
	$(MINGW_CC) -m32 -O2 -Wall -ffreestanding -fno-asynchronous-unwind-tables -c -o $(PE_OBJ)/pe32.o $<
	$(MINGW_LD) -m i386pe -T $(I386PE_LDSCRIPT) --dynamicbase --no-insert-timestamp -e _pe32_start@0 -o $@ \
	    $(PE_OBJ)/pe32.o $(PE_OBJ)/libkernel32_32.a $(PE_OBJ)/libpe_exports_32.a

$(PE_LST)/%.objdump: $(PROG_DIR)/%
	@mkdir -p $(dir $@)
	$(MINGW_OBJDUMP) -p $< > $@

$(PE_LST)/%.nm: $(PROG_DIR)/%
	@mkdir -p $(dir $@)
	$(MINGW_NM) $< > $@

# The PE unit tests read the fixtures: build them first, and tell the tests where they are
# (the environment variable NTEXEC_FIXTURES overrides this directory at run time).
PE_UNIT_BINS := $(filter $(O)/tests/test_pe% $(O)/tests/test_inspect,$(UNIT_BINS))
$(PE_UNIT_BINS): $(PE_FIXTURES)
$(PE_UNIT_BINS): private CFLAGS += -DFIXTURE_DIR='"$(CURDIR)/$(PROG_DIR)"' -DFUZZ_DIR='"$(CURDIR)/tests/fuzz"'

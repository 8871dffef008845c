# Modules mapped as data and resources (tests/e2e/ldrdata_*), from tests/programs/ldrdata/: ldrdata.exe loads
# ldrdll.dll (a DllMain that prints, exports, a string table, named, custom and multi-language resources, a
# VERSIONINFO) with each LoadLibraryEx data flag; both have compiled resources.
LDRDATA_SRC := tests/programs/ldrdata
LDRDATA_OBJ := build/tests/ldrdata-obj
MINGW_WINDRES ?= x86_64-w64-mingw32-windres

$(LDRDATA_OBJ)/%.res.o: $(LDRDATA_SRC)/%.rc
	@mkdir -p $(dir $@)
	$(MINGW_WINDRES) -O coff -o $@ $<

$(PROG_DIR)/ldrdata/ldrdll.dll: $(LDRDATA_SRC)/ldrdll.c $(LDRDATA_OBJ)/ldrdll.res.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $^

$(PROG_DIR)/ldrdata/ldrdata.exe: $(LDRDATA_SRC)/ldrdata.c $(LDRDATA_OBJ)/ldrdata.res.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $^ -lversion

ALL_PROGRAMS += $(PROG_DIR)/ldrdata/ldrdll.dll $(PROG_DIR)/ldrdata/ldrdata.exe

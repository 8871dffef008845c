# The loader's rules (tests/e2e/ldr_*, issue #13), from tests/programs/ldr/: programs in
# build/tests/programs/ldr/ with DLLs beside them and in subfolders. talker.c and talkdep.c are DLLs that
# say when their DllMain runs, built under several names.
LDR_SRC := tests/programs/ldr
LDR_DIR := $(PROG_DIR)/ldr
LDR_DEPS := $(LDR_SRC)/say.h

# talker.c as NAME.dll: $(call ldr_talker,NAME,ID,extra flags and inputs)
define ldr_talker
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -DTALKER_NAME='"$(1)"' -DTALKER_ID=$(2) -o $@ $(LDR_SRC)/talker.c $(3)
endef

$(LDR_DIR)/plugins/plugdep.dll: $(LDR_SRC)/talkdep.c $(LDR_DEPS)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -DTALKDEP_NAME='"plugdep"' -o $@ $<
$(LDR_DIR)/plugins/plugin.dll: $(LDR_SRC)/talker.c $(LDR_DIR)/plugins/plugdep.dll $(LDR_DEPS)
	$(call ldr_talker,plugin,7,-DTALKER_IMPORTS $(LDR_DIR)/plugins/plugdep.dll)
$(LDR_DIR)/orderz.dll: $(LDR_SRC)/talker.c $(LDR_DEPS)
	$(call ldr_talker,orderz,1)
$(LDR_DIR)/cwdtest/orderz.dll: $(LDR_SRC)/talker.c $(LDR_DEPS)
	$(call ldr_talker,orderz,2)
$(LDR_DIR)/cwdtest/orderx.dll: $(LDR_SRC)/talker.c $(LDR_DEPS)
	$(call ldr_talker,orderx,2)
$(LDR_DIR)/pathdir/orderx.dll: $(LDR_SRC)/talker.c $(LDR_DEPS)
	$(call ldr_talker,orderx,3)
$(LDR_DIR)/pathdir/ordery.dll: $(LDR_SRC)/talker.c $(LDR_DEPS)
	$(call ldr_talker,ordery,3)

LDR_SEARCH_DLLS := $(addprefix $(LDR_DIR)/,plugins/plugdep.dll plugins/plugin.dll orderz.dll cwdtest/orderz.dll \
                     cwdtest/orderx.dll pathdir/orderx.dll pathdir/ordery.dll)

$(LDR_DIR)/%.exe: $(LDR_SRC)/%.c $(LDR_DEPS)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

ALL_PROGRAMS += $(LDR_DIR)/ldr_search.exe $(LDR_SEARCH_DLLS)

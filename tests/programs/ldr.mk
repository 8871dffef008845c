# The loader's rules (tests/e2e/ldr_*, issue #13), from tests/programs/ldr/: programs in
# build/tests/programs/ldr/ with DLLs beside them and in subfolders. talker.c and talkdep.c are DLLs that
# say when their DllMain runs, built under several names.
LDR_SRC := tests/programs/ldr
LDR_DIR := $(PROG_DIR)/ldr
LDR_DEPS := $(LDR_SRC)/say.h
comma := ,

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

$(LDR_DIR)/counted.dll: $(LDR_SRC)/talker.c $(LDR_DEPS)
	$(call ldr_talker,counted,1)
$(LDR_DIR)/pinned.dll: $(LDR_SRC)/talker.c $(LDR_DEPS)
	$(call ldr_talker,pinned,1)
$(LDR_DIR)/exitlib.dll: $(LDR_SRC)/talker.c $(LDR_DEPS)
	$(call ldr_talker,exitlib,1)
$(LDR_DIR)/talkdep.dll: $(LDR_SRC)/talkdep.c $(LDR_DEPS)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $<
$(LDR_DIR)/counted2.dll: $(LDR_SRC)/talker.c $(LDR_DIR)/talkdep.dll $(LDR_DEPS)
	$(call ldr_talker,counted2,2,-DTALKER_IMPORTS $(LDR_DIR)/talkdep.dll)
$(LDR_DIR)/faildep.dll: $(LDR_SRC)/talkdep.c $(LDR_DEPS)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -DTALKDEP_NAME='"faildep"' -o $@ $<
$(LDR_DIR)/failinit.dll: $(LDR_SRC)/talker.c $(LDR_DIR)/faildep.dll $(LDR_DEPS)
	$(call ldr_talker,failinit,3,-DTALKER_IMPORTS -DTALKER_FAILS $(LDR_DIR)/faildep.dll)

$(LDR_DIR)/raisedep.dll: $(LDR_SRC)/talkdep.c $(LDR_DEPS)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -DTALKDEP_NAME='"raisedep"' -o $@ $<
$(LDR_DIR)/raiser.dll: $(LDR_SRC)/talker.c $(LDR_DIR)/raisedep.dll $(LDR_DEPS)
	$(call ldr_talker,raiser,4,-DTALKER_IMPORTS -DTALKER_RAISES=0xE0000042 $(LDR_DIR)/raisedep.dll)
$(LDR_DIR)/faulter.dll: $(LDR_SRC)/talker.c $(LDR_DEPS)
	$(call ldr_talker,faulter,5,-DTALKER_FAULTS=0)

LDR_LIFETIME_DLLS := $(addprefix $(LDR_DIR)/,counted.dll pinned.dll exitlib.dll talkdep.dll counted2.dll faildep.dll \
                       failinit.dll)

# tlsdll.c as NAME.dll exporting NAME_id: $(call ldr_tls,NAME,extra flags)
define ldr_tls
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -DTLS_NAME='"$(1)"' -DTLS_EXPORT=$(1)_id -o $@ $(LDR_SRC)/tlsdll.c $(2)
endef
$(LDR_DIR)/tlsa.dll: $(LDR_SRC)/tlsdll.c $(LDR_DEPS)
	$(call ldr_tls,tlsa)
$(LDR_DIR)/tlsb.dll: $(LDR_SRC)/tlsdll.c $(LDR_DEPS)
	$(call ldr_tls,tlsb,-DTLS_QUIET)
$(LDR_DIR)/tlsc.dll: $(LDR_SRC)/tlsdll.c $(LDR_DEPS)
	$(call ldr_tls,tlsc)
$(LDR_DIR)/quiet.dll: $(LDR_SRC)/notls.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -nostdlib -Wl,-e,DllMain -DNOTLS_QUIET -DNOTLS_EXPORT=quiet_id -o $@ $< -lkernel32
$(LDR_DIR)/loud.dll: $(LDR_SRC)/notls.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -nostdlib -Wl,-e,DllMain -DNOTLS_EXPORT=loud_id -o $@ $< -lkernel32
LDR_ORDER_DLLS := $(addprefix $(LDR_DIR)/,tlsa.dll tlsb.dll quiet.dll loud.dll)
$(LDR_DIR)/ldr_order.exe: $(LDR_SRC)/ldr_order.c $(LDR_ORDER_DLLS) $(LDR_DEPS)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< $(LDR_ORDER_DLLS)

# noresolve.dll imports from a DLL that exists nowhere; a fixed base and no relocations make its mapping
# comparable with its file.
$(LDR_DIR)/noresolve.dll: $(LDR_SRC)/noresolve.c $(LDR_SRC)/absent.def $(LDR_DEPS)
	@mkdir -p $(dir $@) build/tests/ldr-obj
	x86_64-w64-mingw32-dlltool -d $(LDR_SRC)/absent.def -l build/tests/ldr-obj/libabsent.a
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -Wl,--image-base,0x38000000 -Wl,--disable-dynamicbase \
	    -s -o $@ $< build/tests/ldr-obj/libabsent.a

$(LDR_DIR)/override/version.dll: $(LDR_SRC)/fakeversion.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $<
$(LDR_DIR)/override/ldr_override.exe: $(LDR_SRC)/ldr_override.c $(LDR_DEPS)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

# Images: forwarders to API sets; two DLLs without relocations for one base; a DLL with a CLR header.
$(LDR_DIR)/fwdapi.dll: $(LDR_SRC)/fwdapi.c $(LDR_SRC)/fwdapi.def
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $< $(LDR_SRC)/fwdapi.def
build/tests/ldr-obj/%.dll: $(LDR_SRC)/talker.c $(LDR_DEPS)
	$(call ldr_talker,$*,1,-Wl$(comma)--image-base$(comma)0x30000000)
$(LDR_DIR)/fixedbase.dll: build/tests/ldr-obj/fixedbase.dll $(LDR_SRC)/pepatch.py
	python3 $(LDR_SRC)/pepatch.py norelocs $< $@
$(LDR_DIR)/samebase.dll: build/tests/ldr-obj/samebase.dll $(LDR_SRC)/pepatch.py
	python3 $(LDR_SRC)/pepatch.py norelocs $< $@
$(LDR_DIR)/clrdll.dll: $(LDR_DIR)/counted.dll $(LDR_SRC)/pepatch.py
	python3 $(LDR_SRC)/pepatch.py clr $< $@
$(LDR_DIR)/bound.dll: $(LDR_DIR)/counted2.dll $(LDR_SRC)/pepatch.py
	python3 $(LDR_SRC)/pepatch.py bound $< $@
LDR_IMAGES_DLLS := $(addprefix $(LDR_DIR)/,fwdapi.dll fixedbase.dll samebase.dll clrdll.dll bound.dll)

# ldr_delayall.exe delay-loads counted.dll and ntexec_ldr_absent.dll with mingw-w64's own __delayLoadHelper2.
build/tests/ldr-obj/lib%-delay.a: $(LDR_SRC)/%.def
	@mkdir -p $(dir $@)
	x86_64-w64-mingw32-dlltool -d $< -y $@
$(LDR_DIR)/ldr_delayall.exe: $(LDR_SRC)/ldr_delayall.c build/tests/ldr-obj/libcounted-delay.a \
                              build/tests/ldr-obj/libabsent-delay.a $(LDR_DIR)/counted.dll $(LDR_SRC)/pepatch.py $(LDR_DEPS)
	$(MINGW_CC) $(MINGW_CFLAGS) -o build/tests/ldr-obj/ldr_delayall.exe $< build/tests/ldr-obj/libcounted-delay.a \
	    build/tests/ldr-obj/libabsent-delay.a
	python3 $(LDR_SRC)/pepatch.py delaydir build/tests/ldr-obj/ldr_delayall.exe $@

LDR_SEARCH_DLLS := $(addprefix $(LDR_DIR)/,plugins/plugdep.dll plugins/plugin.dll orderz.dll cwdtest/orderz.dll \
                     cwdtest/orderx.dll pathdir/orderx.dll pathdir/ordery.dll)

$(LDR_DIR)/%.exe: $(LDR_SRC)/%.c $(LDR_DEPS)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

ALL_PROGRAMS += $(LDR_DIR)/ldr_search.exe $(LDR_SEARCH_DLLS) $(LDR_DIR)/ldr_lifetime.exe $(LDR_LIFETIME_DLLS) \
                $(LDR_DIR)/ldr_order.exe $(LDR_DIR)/tlsc.dll $(LDR_DIR)/ldr_noresolve.exe $(LDR_DIR)/noresolve.dll \
                $(LDR_DIR)/ldr_notify.exe $(LDR_DIR)/override/ldr_override.exe $(LDR_DIR)/override/version.dll \
                $(LDR_DIR)/ldr_images.exe $(LDR_IMAGES_DLLS) $(LDR_DIR)/ldr_delayall.exe \
                $(LDR_DIR)/ldr_raise.exe $(LDR_DIR)/raiser.dll $(LDR_DIR)/faulter.dll

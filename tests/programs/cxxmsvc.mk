# MSVC-style C++ programs (tests/e2e/cxxmsvc_*): clang compiles for x86_64-pc-windows-msvc, so the
# exception tables are MSVC's (__CxxFrameHandler3, _CxxThrowException from vcruntime140.dll), and
# lld-link links against import libraries llvm-dlltool makes from the .def files: no Microsoft SDK,
# header or library. Without clang, lld-link or llvm-dlltool the programs are skipped with a message
# (scripts/deps.sh test installs them), and the cases' `requires` skips them too.
CXXMSVC_SRC := tests/programs/cxxmsvc
CXXMSVC_OBJ := build/tests/cxxmsvc-obj
CXXMSVC_CC := $(CLANG) --target=x86_64-pc-windows-msvc -fms-extensions -fcxx-exceptions -fexceptions -O2 -Wall -Werror
CXXMSVC_LINK := lld-link /nologo /nodefaultlib /subsystem:console
CXXMSVC_LIBS := $(addprefix $(CXXMSVC_OBJ)/,msvcrt.lib vcruntime140.lib kernel32.lib)

ifneq ($(and $(shell command -v $(CLANG)),$(shell command -v lld-link),$(shell command -v llvm-dlltool)),)
CXXMSVC_PROGRAMS := $(addprefix $(PROG_DIR)/,cxxmsvc.exe cxxmsvc_dll.dll cxxmsvc_noexcept.exe cxxmsvc_terminate.exe cxxmsvc_rtti.exe)
else
CXXMSVC_PROGRAMS := cxxmsvc-skipped
.PHONY: cxxmsvc-skipped
cxxmsvc-skipped:
	@echo "tests/programs/cxxmsvc: clang, lld-link or llvm-dlltool missing (apt-get install clang lld llvm): skipped"
endif
ALL_PROGRAMS += $(CXXMSVC_PROGRAMS)

$(CXXMSVC_OBJ)/%.lib: $(CXXMSVC_SRC)/%.def
	@mkdir -p $(dir $@)
	llvm-dlltool -m i386:x86-64 -d $< -l $@

$(CXXMSVC_OBJ)/%.obj: $(CXXMSVC_SRC)/%.cpp
	@mkdir -p $(dir $@)
	$(CXXMSVC_CC) -c -o $@ $<

$(PROG_DIR)/cxxmsvc_dll.dll: $(CXXMSVC_OBJ)/cxxmsvc_dll.obj $(CXXMSVC_OBJ)/tinfo.obj $(CXXMSVC_LIBS)
	@mkdir -p $(dir $@)
	$(CXXMSVC_LINK) /dll /noentry /out:$@ /implib:$(CXXMSVC_OBJ)/cxxmsvc_dll.lib $^

$(CXXMSVC_OBJ)/cxxmsvc_dll.lib: $(PROG_DIR)/cxxmsvc_dll.dll

$(PROG_DIR)/cxxmsvc%.exe: $(CXXMSVC_OBJ)/cxxmsvc%.obj $(CXXMSVC_OBJ)/tinfo.obj $(CXXMSVC_LIBS)
	@mkdir -p $(dir $@)
	$(CXXMSVC_LINK) /entry:mainCRTStartup /out:$@ $^

$(PROG_DIR)/cxxmsvc.exe: $(CXXMSVC_OBJ)/cxxmsvc.obj $(CXXMSVC_OBJ)/tinfo.obj $(CXXMSVC_LIBS) $(CXXMSVC_OBJ)/cxxmsvc_dll.lib
	@mkdir -p $(dir $@)
	$(CXXMSVC_LINK) /entry:mainCRTStartup /out:$@ $^

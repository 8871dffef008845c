# National language support (tests/e2e/nls_*): comparison, mapping, character types, locale data, date and
# time formats, from tests/programs/nls/.
ALL_PROGRAMS += $(addprefix $(PROG_DIR)/nls/,nlscmp.exe nlsloc.exe nlsnum.exe nlsui.exe nlscur.exe nlscp.exe nlsoem.exe)

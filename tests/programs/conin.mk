# Console input (tests/e2e/conin_*): ReadConsole lines and key events on a terminal, and their refusals off one.
ALL_PROGRAMS += $(PROG_DIR)/conin/conin.exe

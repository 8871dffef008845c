# Console input and output pages (tests/e2e/conin_*): ReadConsole lines and key events on a terminal, their
# refusals off one, and WriteConsoleA in the output code page.
ALL_PROGRAMS += $(PROG_DIR)/conin/conin.exe $(PROG_DIR)/conin/conout.exe $(PROG_DIR)/conin/conattach.exe

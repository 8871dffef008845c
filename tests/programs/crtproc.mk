# The C runtime's child processes (tests/e2e/crtproc_*), from tests/programs/crtproc/: _spawn*/_exec*/_cwait,
# system and _popen/_pclose. Each program is built against msvcrt.dll as crtproc/NAME.exe and against the
# Universal CRT as crtproc/NAME-ucrt.exe (programs.mk's rules); a parent starts the child of its own CRT.
# fakecmd.exe stands in for cmd.exe (there is none in ntexec's System32): `fakecmd /c PROG ARGS` runs PROG
# from its own directory with the rest of the line and exits with its exit code.

CRTPROC_NAMES := $(basename $(notdir $(wildcard tests/programs/crtproc/*.c)))
CRTPROC_PROGRAMS := $(CRTPROC_NAMES:%=$(PROG_DIR)/crtproc/%.exe) $(CRTPROC_NAMES:%=$(PROG_DIR)/crtproc/%-ucrt.exe)

ALL_PROGRAMS += $(CRTPROC_PROGRAMS)

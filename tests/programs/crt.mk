# The C runtime's test programs (tests/programs/crt/*.c), each built twice by the rules of programs.mk: against
# msvcrt.dll (mingw-w64's default) as crt/NAME.exe and against the Universal CRT as crt/NAME-ucrt.exe.

CRT_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/crt/*.c)))
CRT_PROGRAMS := $(CRT_PROG_NAMES:%=$(PROG_DIR)/crt/%.exe) $(CRT_PROG_NAMES:%=$(PROG_DIR)/crt/%-ucrt.exe)

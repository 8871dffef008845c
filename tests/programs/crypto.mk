# bcrypt, bcryptprimitives, crypt32 and advapi32's CryptoAPI (tests/e2e/crypto_*), from tests/programs/crypto/.
CRYPTO_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/crypto/*.c)))
CRYPTO_PROGRAMS := $(CRYPTO_PROG_NAMES:%=$(PROG_DIR)/crypto/%.exe)

$(PROG_DIR)/crypto/%.exe: tests/programs/crypto/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -lbcrypt -lcrypt32 -ladvapi32

ALL_PROGRAMS += $(CRYPTO_PROGRAMS)

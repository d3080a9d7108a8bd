# Freestanding SHA-1 / SHA-256 / SHA-384 / SHA-512 (FIPS 180-4) and TPM_ALG_ID
# dispatch, shared by launch, the hypervisor and host tools. See docs/crypto.md.
COMMON_SRCS += common/crypto/sha1.c common/crypto/sha256.c common/crypto/sha512.c \
               common/crypto/hash.c common/crypto/wipe.c
# Host programs hash with OpenSSL (parapet/hash_openssl.h, docs/attestation.md
# "Speed"): a program links HASH_HOST_SRCS and HASH_HOST_LDFLAGS, which send
# its pp_hash calls to OpenSSL, the portable code remaining the fallback
# (build/bin/parapet and attest-bench: attest/verifier/build.mk). The unit
# tests keep the portable pp_hash and compare the two (test_hash_openssl.c).
HASH_HOST_SRCS := common/crypto/hash_openssl.c common/crypto/hash_host.c
HASH_HOST_LDFLAGS := -Wl,--wrap=pp_hash
UNIT_ONLY_SRCS += common/crypto/hash_openssl.c
# Ed25519 verification (docs/crypto.md, "Ed25519"): the hypervisor and host
# tools only, not the size-bound secure loader / MLE (COMMON_HV_SRCS).
ED25519_SRCS := common/crypto/ed25519_fe.c common/crypto/ed25519_ge.c \
                common/crypto/ed25519_sc.c common/crypto/ed25519_verify.c
COMMON_HV_SRCS += $(ED25519_SRCS)

# Throughput benchmark (host, -O2, no sanitizers): times the freestanding
# objects themselves (the code launch and the hypervisor run) against
# OpenSSL on the same buffer. `make build/tests/bench/sha-bench`, then run
# it with optional arguments [MiB per run] [runs].
SHA_BENCH        := build/tests/bench/sha-bench
SHA_BENCH_OBJS   := $(call fs_objs,common/crypto/sha1.c common/crypto/sha256.c \
                                   common/crypto/sha512.c \
                                   common/crypto/wipe.c)
SHA_BENCH_CFLAGS := -std=gnu11 -O2 -g $(WARN) $(INCLUDES) -DPP_HOST=1

$(SHA_BENCH): tests/bench/sha-bench.c $(SHA_BENCH_OBJS) common/include/parapet/sha2.h \
              common/include/parapet/sha1.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(SHA_BENCH_CFLAGS) -no-pie $(filter-out %.h,$^) -o $@ -lcrypto

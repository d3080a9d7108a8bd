# SPDX-License-Identifier: GPL-2.0-only
# Host side of the partition policy (docs/policy.md): the source compiler
# and the `parapet policy` subcommands (policy/cli/, one file each). The
# model, binary, signed framing and validator are common/policy/ (shared
# with the hypervisor).
#
# POLICY_COMPILER_SRCS: the source compiler (libc only), linked into
# parapet, the unit tests and every fuzz target (HOST_TESTABLE_SRCS).
# POLICY_HOST_SRCS: linked into parapet and the unit tests; the rest only
# into parapet. POLICY_GPT_SRCS: the GPT reader's buffer parsers (`install`),
# in every fuzz target and the unit tests (HOST_TESTABLE_SRCS).
POLICY_GPT_SRCS := policy/cli/gpt.c policy/cli/crc32.c
POLICY_COMPILER_SRCS := policy/compiler/lex.c policy/compiler/value.c policy/compiler/res.c \
                        policy/compiler/parse.c policy/compiler/emit.c
POLICY_HOST_SRCS := policy/cli/file.c policy/cli/load.c policy/cli/machine_dir.c \
                    policy/cli/machine_text.c policy/cli/machine_acpi.c \
                    policy/cli/diff_model.c policy/cli/diff_part.c policy/cli/diff_text.c \
                    policy/cli/diff_print.c policy/cli/units.c \
                    policy/cli/svg.c policy/cli/map_svg.c policy/cli/map_lane.c \
                    policy/cli/map_link.c policy/cli/gpt_file.c policy/cli/slotfs.c
POLICY_CLI_SRCS := policy/cli/cli.c policy/cli/compile.c policy/cli/check.c \
                   policy/cli/dump.c policy/cli/sign.c policy/cli/verify.c \
                   policy/cli/diff.c policy/cli/map.c policy/cli/install.c \
                   policy/cli/polkey.c
PARAPET_SRCS += $(POLICY_CLI_SRCS) $(POLICY_HOST_SRCS) $(POLICY_COMPILER_SRCS) \
                $(POLICY_GPT_SRCS)
# The built-in keys (keys/build.mk): `verify`'s default key list.
PARAPET_SRCS += $(POLICY_KEYS_C)
UNIT_ONLY_SRCS += $(POLICY_HOST_SRCS)
# the key reader (OpenSSL) also for the attestation verifier's unit tests
# (attest/verifier/build.mk, ATTEST_KEY_SRCS)
UNIT_ONLY_SRCS += policy/cli/polkey.c
HOST_TESTABLE_SRCS += $(POLICY_COMPILER_SRCS) $(POLICY_GPT_SRCS)

# The default appliance's policy (policy/appliance.pol), compiled, then signed
# into the image's policy module (POLICY_BIN, image/build.mk). The signing key:
# POLICY_SIGN_KEY (default the development policy key, keys/build.mk); with
# production keys (KEYS_DIR=...) sign offline and pass the signed file as
# POLICY_SIGNED=FILE instead (keys/README.md).
POLICY_APPLIANCE_SRC := policy/appliance.pol
POLICY_APPLIANCE_BIN := build/policy/appliance.bin

$(POLICY_APPLIANCE_BIN): $(POLICY_APPLIANCE_SRC) $(PARAPET_BIN)
	@mkdir -p $(dir $@)
	$(PARAPET_BIN) policy compile $< -o $@

# The Linux appliance's policy (policy/linux.pol: the appliance plus a `boot
# linux64` partition, docs/policy.md "A linux64 partition"), compiled; no
# image ships it yet (the hypervisor side is issue 13's integration, planned).
POLICY_LINUX_SRC := policy/linux.pol
POLICY_LINUX_BIN := build/policy/linux.bin

$(POLICY_LINUX_BIN): $(POLICY_LINUX_SRC) $(PARAPET_BIN)
	@mkdir -p $(dir $@)
	$(PARAPET_BIN) policy compile $< -o $@

POLICY_SIGN_KEY ?= $(KEYS_DEV_DIR)/policy.pem
ifneq ($(POLICY_SIGNED),)
$(POLICY_BIN): $(POLICY_SIGNED) $(PARAPET_BIN) $(POLICY_KEYS_C)
	@mkdir -p $(dir $@)
	$(PARAPET_BIN) policy verify $< >/dev/null
	cp $< $@
else
$(POLICY_BIN): $(POLICY_APPLIANCE_BIN) $(PARAPET_BIN) $(KEY_PUBS)
	@mkdir -p $(dir $@)
	$(PARAPET_BIN) policy sign $< --key $(POLICY_SIGN_KEY) -o $@
endif

# The `parapet policy` commands against the real binary (tests/policy/cli.sh,
# on policy/appliance.pol and policy/linux.pol;
# install on a synthetic GPT disk: tests/policy/install.sh, sgdisk, mkfs.vfat, mtools).
.PHONY: policy-check
policy-check: $(PARAPET_BIN) $(POLICY_LINUX_BIN) keys
	@tests/policy/cli.sh $(PARAPET_BIN)
	@tests/policy/install.sh $(PARAPET_BIN)

test-host: policy-check
include policy/machine.mk
include policy/view.mk

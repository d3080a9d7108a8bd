# SPDX-License-Identifier: GPL-2.0-only
# Policy-signing keys (keys/README.md).
#   make keys        development keys for both roles in keys/dev/ (git-ignored),
#                    created with OpenSSL when absent (keys/mkdev.sh)
#   KEYS_DIR=DIR     build with the public keys in DIR instead
#                    (DIR/policy.pub.pem, DIR/backup.pub.pem; production:
#                    public halves only, the private keys stay offline)
# build/gen/policy_keys.c (keys/genkeys.sh) is the built-in key list
# (parapet/policy_keys.h), compiled into the hypervisor (hypervisor/build.mk:
# POLICY_KEYS_FS_OBJ, measured with it) and into parapet (the default keys of
# `parapet policy verify`: policy/build.mk). It is rebuilt when KEYS_DIR
# changes. Included before the fragments that link it.
KEYS_DIR ?= keys/dev
KEYS_DEV_DIR := keys/dev
KEY_PUBS := $(KEYS_DIR)/policy.pub.pem $(KEYS_DIR)/backup.pub.pem
POLICY_KEYS_C := build/gen/policy_keys.c
POLICY_KEYS_FS_OBJ := $(call fs_objs,$(POLICY_KEYS_C))
POLICY_KEYS_STAMP := build/gen/keys-dir.$(subst /,_,$(abspath $(KEYS_DIR)))

.PHONY: keys
keys: $(KEY_PUBS)

# Only the development directory is ever populated by make; any other
# KEYS_DIR must already hold the public keys (genkeys.sh says which is missing).
ifeq ($(KEYS_DIR),$(KEYS_DEV_DIR))
$(KEY_PUBS) &:
	@keys/mkdev.sh $(KEYS_DEV_DIR)
endif

# One stamp per key directory: switching KEYS_DIR regenerates the list.
$(POLICY_KEYS_STAMP):
	@mkdir -p $(dir $@)
	@rm -f build/gen/keys-dir.*
	@touch $@

$(POLICY_KEYS_C): $(KEY_PUBS) keys/genkeys.sh $(POLICY_KEYS_STAMP)
	@mkdir -p $(dir $@)
	keys/genkeys.sh $(KEYS_DIR) $@


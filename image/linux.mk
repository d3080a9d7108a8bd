# The Linux kit and the boot media of policy/linux.pol (docs/linux-partition.md,
# "The Linux kit"). Included by the top-level Makefile after policy/build.mk.
#
# `make linux-kit`: Debian's cloud kernel, unmodified, and the initramfs
# (tools/linux-kit.sh; the .debs are fetched once by apt-get download into
# build/linux/debs/, also by `make deps`, and never again):
#   build/linux/linux-vmlinuz      /boot/parapet/linux-vmlinuz     pd linux
#   build/linux/linux-initrd.img   /boot/parapet/linux-initrd.img  pd linux-initrd
#   image/linux-cmdline.txt        /boot/parapet/linux-cmdline.txt pd linux-cmdline
# `make linux-image`: build/linux/parapet.img = build/parapet.img's files
# plus those three, their module lines after `pd work-b` in grub.cfg's
# default entry (build/linux/grub.cfg), and LINUX_POLICY_SRC (default
# policy/linux.pol) compiled and signed into both policy slots; its
# reference values build/linux/reference.json (refgen, as build/reference.json).
# build/linux/ipitest.ko, the kit's test module (image/linux/ipitest/), is
# built against the kernel's headers and goes into the initramfs.
# Not part of `make all`: the kit needs Debian's mirror once. `make test`
# builds it (test-host: linux-kit-check; test-qemu: linux-image).
LINUX_DIR := build/linux
LINUX_VMLINUZ := $(LINUX_DIR)/linux-vmlinuz
LINUX_INITRD := $(LINUX_DIR)/linux-initrd.img
LINUX_CMDLINE := image/linux-cmdline.txt
LINUX_KIT := $(LINUX_VMLINUZ) $(LINUX_INITRD) $(LINUX_CMDLINE)
# the test module in the initramfs (parapet.test=ipi), test only
LINUX_IPITEST := $(LINUX_DIR)/ipitest.ko
# POLICY=FILE (make run POLICY=policy/linux.pol) or LINUX_POLICY_SRC=FILE: another policy
LINUX_POLICY_SRC ?= $(if $(POLICY),$(POLICY),policy/linux.pol)
LINUX_POLICY_UNSIGNED := $(LINUX_DIR)/linux-policy.bin
LINUX_POLICY_BIN := $(LINUX_DIR)/linux-policy.sbin
LINUX_GRUB_CFG := $(LINUX_DIR)/grub.cfg
LINUX_IMG := $(LINUX_DIR)/parapet.img
LINUX_REF_JSON := $(LINUX_DIR)/reference.json
LINUX_REF_LOG := $(LINUX_DIR)/reference-drtm.log

# The kernel: extracted from the cached .deb (the script and the cache are
# its only inputs; nothing is rebuilt from source).
$(LINUX_VMLINUZ): tools/linux-kit.sh
	tools/linux-kit.sh vmlinuz $@

# The test module: built out of tree against the kernel's own headers
# (Debian's header packages at the kernel's version, fetched once into
# build/linux/debs/ and extracted into a temporary directory).
$(LINUX_IPITEST): tools/linux-kit.sh image/linux/ipitest/ipitest.c image/linux/ipitest/Kbuild \
		  $(wildcard $(LINUX_DIR)/debs/linux-image-*-cloud-amd64_*.deb)
	tools/linux-kit.sh ipitest $@

# The initramfs: also from the host's tpm2-tools (tools/deps.sh), the
# kernel package's msr.ko and virtio-net modules, and the test module.
$(LINUX_INITRD): tools/linux-kit.sh image/linux/init $(wildcard /usr/bin/tpm2) \
		 $(wildcard $(LINUX_DIR)/debs/linux-image-*-cloud-amd64_*.deb) $(LINUX_IPITEST)
	tools/linux-kit.sh initramfs $@

# grub.cfg with the kit's three modules after pd work-b, in the default entry only.
$(LINUX_GRUB_CFG): image/grub.cfg
	@mkdir -p $(dir $@)
	sed -e '/--id parapet {/,/^}/ s|^\tmodule2 /boot/parapet/pd-work-b.bin pd work-b$$|&\n\tmodule2 /boot/parapet/linux-vmlinuz pd linux\n\tmodule2 /boot/parapet/linux-initrd.img pd linux-initrd\n\tmodule2 /boot/parapet/linux-cmdline.txt pd linux-cmdline|' $< >$@.tmp
	@[ "$$(grep -cE '^	module2 /boot/parapet/linux-(vmlinuz pd linux|initrd.img pd linux-initrd|cmdline.txt pd linux-cmdline)$$' $@.tmp)" = 3 ] || \
		{ echo "linux-image: could not add the kit's module lines to $<" >&2; exit 1; }
	mv $@.tmp $@

# (runs only when the source is missing)
$(LINUX_POLICY_SRC):
	@echo "linux-image: $@ missing: the policy of the Linux partition (POLICY=FILE or LINUX_POLICY_SRC=FILE names another)" >&2
	@exit 1

# Which source: rewritten only when it changes, so another POLICY=FILE
# rebuilds the policy even when FILE is older than the last one built.
LINUX_POLICY_NAME := $(LINUX_DIR)/linux-policy.src
$(LINUX_POLICY_NAME): FORCE
	@mkdir -p $(dir $@)
	@echo '$(LINUX_POLICY_SRC)' | cmp -s - $@ || echo '$(LINUX_POLICY_SRC)' >$@
.PHONY: FORCE
FORCE:

$(LINUX_POLICY_UNSIGNED): $(LINUX_POLICY_SRC) $(LINUX_POLICY_NAME) $(PARAPET_BIN)
	@mkdir -p $(dir $@)
	$(PARAPET_BIN) policy compile $< -o $@

$(LINUX_POLICY_BIN): $(LINUX_POLICY_UNSIGNED) $(PARAPET_BIN) $(KEY_PUBS)
	$(PARAPET_BIN) policy sign $< --key $(POLICY_SIGN_KEY) -o $@

# policy/linux-smp.pol (the Linux partition on two cores), signed like the
# image's: tests/qemu/cases/linux-smp-uefi.sh puts it into a copy's policy
# slots (LINUX_SMP_POLICY_BIN, tests/qemu/linux-lib.sh)
LINUX_SMP_POLICY_BIN := $(LINUX_DIR)/linux-smp-policy.sbin
$(LINUX_DIR)/linux-smp-policy.bin: policy/linux-smp.pol $(PARAPET_BIN)
	@mkdir -p $(dir $@)
	$(PARAPET_BIN) policy compile $< -o $@

$(LINUX_SMP_POLICY_BIN): $(LINUX_DIR)/linux-smp-policy.bin $(PARAPET_BIN) $(KEY_PUBS)
	$(PARAPET_BIN) policy sign $< --key $(POLICY_SIGN_KEY) -o $@

LINUX_IMAGE_FILES := $(IMAGE_FILES) $(LINUX_KIT)

$(LINUX_IMG): image/mkimage.sh $(LINUX_GRUB_CFG) $(LINUX_IMAGE_FILES) $(LINUX_POLICY_BIN) $(HV_IMAGE_DEPS)
	MKIMAGE_WORK=build/image/linux-parapet.img image/mkimage.sh disk $@ $(LINUX_GRUB_CFG) \
		--slots $(LINUX_POLICY_BIN) $(LINUX_POLICY_BIN) $(LINUX_IMAGE_FILES)

LINUX_REF_ARGS = --launch $(REF_LAUNCH) --banks $(REF_BANKS) --sl $(SL_BIN) --grub-cfg $(LINUX_GRUB_CFG) \
		 --file /boot/parapet/hypervisor.elf=$(HV_ELF) \
		 --file '($$pp_slot_a)/policy-a.bin=$(LINUX_POLICY_BIN)' \
		 --file '($$pp_slot_b)/policy-b.bin=$(LINUX_POLICY_BIN)' \
		 --file /boot/parapet/pd-service.bin=$(PD_SERVICE_BIN) \
		 --file /boot/parapet/pd-work-a.bin=$(PD_WORK_A_BIN) \
		 --file /boot/parapet/pd-work-b.bin=$(PD_WORK_B_BIN) \
		 --file /boot/parapet/linux-vmlinuz=$(LINUX_VMLINUZ) \
		 --file /boot/parapet/linux-initrd.img=$(LINUX_INITRD) \
		 --file /boot/parapet/linux-cmdline.txt=$(LINUX_CMDLINE)

$(LINUX_REF_JSON): $(REF_DEPS) $(LINUX_GRUB_CFG) $(LINUX_POLICY_BIN) $(LINUX_KIT)
	$(REFGEN) $(LINUX_REF_ARGS) --entry parapet --log $(LINUX_REF_LOG) --json $@

.PHONY: linux-kit linux-image linux-kit-check linux-net-check
linux-kit: $(LINUX_KIT)

linux-image: deps-quiet $(LINUX_IMG) $(LINUX_SMP_POLICY_BIN) $(if $(filter 1,$(REFERENCE)),$(LINUX_REF_JSON))

# The kit's own checks (tests/linux/kit-check.sh): the initramfs is
# reproducible and holds what /init needs; the command line is one line of
# ASCII without a newline; the kernel is the package's file, unmodified.
linux-kit-check: $(LINUX_KIT)
	@tests/linux/kit-check.sh

# The kit's network round trip, booted directly in QEMU without the
# hypervisor (tests/linux/net-check.sh: parapet.test=net on a
# virtio-net-pci and -netdev user to tests/qemu/tcp-service.py; about 15 s).
linux-net-check: $(LINUX_VMLINUZ) $(LINUX_INITRD) $(LINUX_CMDLINE)
	@tests/linux/net-check.sh

test-host: linux-kit-check linux-boot-check linux-net-check
# test-qemu boots it once policy/linux.pol exists (the Linux QEMU tests,
# tests/qemu/linux-lib.sh)
ifneq ($(wildcard $(LINUX_POLICY_SRC)),)
test-qemu: linux-image
endif

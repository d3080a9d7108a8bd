# Boot media (docs/image.md), built unprivileged by image/mkimage.sh:
#   build/parapet.img  GPT disk: ESP (GRUB EFI with tpm built in, grub.cfg,
#                      launch.elf, hypervisor.elf, pd-service.bin,
#                      pd-work-a.bin, pd-work-b.bin) + policy slots A/B
#                      (FAT12, policy-a.bin / policy-b.bin)
#   build/parapet.iso  hybrid BIOS+UEFI ISO (grub-mkrescue), same files,
#                      the slots' two files in its root
# and the reference values of those boots (docs/measurements.md):
#   build/reference.json, build/reference-drtm.log          entry "parapet"
#   build/reference-export.json, build/reference-export-drtm.log  entry "export"
# CET=1 (docs/hypervisor.md, "CET"): the same media around the CET
# hypervisor, with their reference values, under build/cet/.
ifeq ($(CET),1)
IMG_DIR := build/cet
MKIMAGE_ENV = MKIMAGE_WORK=build/cet/image/$(notdir $@)
else
IMG_DIR := build
MKIMAGE_ENV :=
endif
IMG := $(IMG_DIR)/parapet.img
ISO := $(IMG_DIR)/parapet.iso

# Boot modules other than the hypervisor (docs/measurements.md, "Boot modules").
# policy.bin: the signed appliance policy (policy/build.mk: policy/appliance.pol
# compiled, then signed with the policy key), measured into PCR 18 and
# enforced by the hypervisor (docs/policy.md, "At boot").
# pd-service.bin: the service partition's image (guest/service.c), the
# attestation agent's future home. pd-work-a.bin, pd-work-b.bin: the two
# workload partitions' images (guest/work-a.c, work-b.c). The policy names
# each (policy/appliance.pol), grub.cfg loads each as `pd NAME`.
POLICY_BIN := build/image/modules/policy.bin
PD_SERVICE_BIN := build/image/modules/pd-service.bin
PD_WORK_A_BIN := build/image/modules/pd-work-a.bin
PD_WORK_B_BIN := build/image/modules/pd-work-b.bin
PD_BINS := $(PD_SERVICE_BIN) $(PD_WORK_A_BIN) $(PD_WORK_B_BIN)
IMAGE_MODULES := $(POLICY_BIN) $(PD_BINS)

# Each partition's image: a guest kit program (docs/guest-kit.md),
# build/guest/NAME.bin, under the name the policy gives it (pd-NAME.bin).
build/image/modules/pd-%.bin: build/guest/%.bin
	@mkdir -p $(dir $@)
	cp $< $@

# The policy goes into both A/B slots (docs/policy-update.md), not /boot/parapet.
IMAGE_FILES := $(LAUNCH_ELF) $(HV_ELF) $(PD_BINS)
IMAGE_SLOTS := --slots $(POLICY_BIN) $(POLICY_BIN)
IMAGE_DEPS := image/mkimage.sh image/grub.cfg $(IMAGE_FILES) $(POLICY_BIN) $(HV_IMAGE_DEPS)

$(IMG): $(IMAGE_DEPS)
	$(MKIMAGE_ENV) image/mkimage.sh disk $@ image/grub.cfg $(IMAGE_SLOTS) $(IMAGE_FILES)

$(ISO): $(IMAGE_DEPS)
	$(MKIMAGE_ENV) image/mkimage.sh iso $@ image/grub.cfg $(IMAGE_SLOTS) $(IMAGE_FILES)

# For `make bench` only (tests/bench/boot.sh, docs/testing.md): build/parapet.img
# with GRUB built without its tpm module, to time what GRUB's measuring costs.
BENCH_NOTPM_IMG := build/tests/bench/parapet-notpm.img

$(BENCH_NOTPM_IMG): $(IMAGE_DEPS)
	MKIMAGE_GRUB_TPM=0 image/mkimage.sh disk $@ image/grub.cfg $(IMAGE_SLOTS) $(IMAGE_FILES)

# ---- reference values (tools/refgen) -----------------------------------------
include tools/refgen/build.mk

# The secure loader's SLB image (launch/sl/, built by the SL's fragment).
SL_BIN ?= build/launch/sl.bin
# Reference values need the SL; until launch/sl/ exists they are skipped
# (REFERENCE=1 forces them, e.g. with SL_BIN=<stand-in>).
REFERENCE ?= $(if $(wildcard launch/sl/*.mk),1,0)
REF_JSON := $(IMG_DIR)/reference.json
REF_LOG := $(IMG_DIR)/reference-drtm.log
REF_EXPORT_JSON := $(IMG_DIR)/reference-export.json
REF_EXPORT_LOG := $(IMG_DIR)/reference-export-drtm.log
REF_LAUNCH ?= emulated
REF_BANKS ?= sha1,sha256,sha384,sha512
REF_ARGS = --launch $(REF_LAUNCH) --banks $(REF_BANKS) --sl $(SL_BIN) --grub-cfg image/grub.cfg \
	   --file /boot/parapet/hypervisor.elf=$(HV_ELF) \
	   --file '($$pp_slot_a)/policy-a.bin=$(POLICY_BIN)' \
	   --file '($$pp_slot_b)/policy-b.bin=$(POLICY_BIN)' \
	   --file /boot/parapet/pd-service.bin=$(PD_SERVICE_BIN) \
	   --file /boot/parapet/pd-work-a.bin=$(PD_WORK_A_BIN) \
	   --file /boot/parapet/pd-work-b.bin=$(PD_WORK_B_BIN)
REF_DEPS := $(REFGEN) $(SL_BIN) image/grub.cfg $(HV_ELF) $(IMAGE_MODULES)

$(REF_JSON): $(REF_DEPS)
	$(REFGEN) $(REF_ARGS) --entry parapet --log $(REF_LOG) --json $@

$(REF_EXPORT_JSON): $(REF_DEPS)
	$(REFGEN) $(REF_ARGS) --entry export --log $(REF_EXPORT_LOG) --json $@

.PHONY: reference refgen-check
reference: $(REF_JSON) $(REF_EXPORT_JSON)
ifeq ($(REFERENCE),1)
all image: reference
endif

# Host check of refgen on stand-in inputs against OpenSSL and tpm2_eventlog.
refgen-check: $(REFGEN) $(EVLOG_TOOL)
	@tests/refgen/check.sh
test-host: refgen-check

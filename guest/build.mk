# The guest kit and the default appliance's guest programs (docs/guest-kit.md):
# flat binaries linked at 1 MiB with the entry stub at offset 0x40,
#   build/guest/service.bin, work-a.bin, work-b.bin
# and, for the tests only, probe, exitbench and the attack guests probe-*.bin,
# each beside its ELF (build/guest/<name>.elf, for symbols and the checks
# of tests/guest/check.sh). `make guests` builds them; `make all` too.
GUEST_KIT_SRCS := guest/kit/crt0.S guest/kit/vectors.S guest/kit/fmt.c guest/kit/ring.c \
                  guest/kit/console.c guest/kit/cap.c guest/kit/tsc.c guest/kit/chan.c \
                  common/lib/string.c guest/kit/exc.c guest/kit/idt.c
GUEST_KIT_OBJS := $(call fs_objs,$(GUEST_KIT_SRCS))
GUEST_LDS := guest/kit/guest.ld
GUEST_ATTACKS := probe-mem probe-msr probe-port probe-cap probe-signal probe-triple \
                 probe-storm probe-busy probe-ctl probe-tpm
GUEST_ATTACKS += probe-dma
GUEST_NAMES := service work-a work-b probe exitbench $(GUEST_ATTACKS)
GUEST_BINS := $(patsubst %,build/guest/%.bin,$(GUEST_NAMES))
GUEST_ELFS := $(patsubst %,build/guest/%.elf,$(GUEST_NAMES))

# Each program's own sources besides the kit.
GUEST_SRCS_service := guest/service.c guest/service_logs.c guest/service_agent.c \
                      guest/agent_line.c
# The attestation agent (docs/attest-agent.md): its core, the protocol, the
# TPM command layer with the attestation commands, the TIS/CRB transports,
# SHA-2 (key names, PCR banks) and the event-log parser (the policy
# verdict), all freestanding and shared with the host tests.
GUEST_SRCS_service += $(ATTEST_AGENT_SRCS) $(ATTEST_PROTO_SRCS) $(TPM_CMD_SRCS) $(TPM_NV_SRCS) \
                      $(TPM_ATTEST_SRCS) common/drivers/tpm/tis.c common/drivers/tpm/crb.c \
                      common/drivers/tpm/tpm_xport.c common/drivers/tpm/tpm_ptp.c \
                      common/crypto/sha1.c common/crypto/sha256.c common/crypto/sha512.c \
                      common/crypto/hash.c common/crypto/wipe.c common/eventlog/alg.c common/eventlog/parse.c \
                      common/eventlog/sigs.c common/lib/err.c common/lib/fmt.c
GUEST_SRCS_work-a := guest/work-a.c guest/work.c
GUEST_SRCS_work-b := guest/work-b.c guest/work.c
# An attack guest for the tests (partition-refusals-uefi), never in the image.
GUEST_SRCS_probe := guest/probe.c
# The attack guests of the QEMU tests (docs/guest-kit.md, "Attack guests"),
# never in the image: each its own program with the shared helpers.
$(foreach g,$(GUEST_ATTACKS),$(eval GUEST_SRCS_$(g) := guest/$(g).c guest/attack.c))
GUEST_SRCS_probe-dma += guest/kit/edu.c common/faultlog/fl_read.c common/lib/err.c common/lib/fmt.c
# The exit-cost benchmark's guest (tests/bench/exit.sh), never in the image.
GUEST_SRCS_exitbench := guest/exitbench.c

# The kit's host-testable parts (tests/unit/test_guest_*.c).
HOST_TESTABLE_SRCS += guest/kit/fmt.c guest/kit/ring.c guest/kit/exc.c

# One link rule per program; the ELFs are kept (make would otherwise
# delete them as intermediates of the .bin).
define GUEST_PROGRAM
build/guest/$(1).elf: $(GUEST_KIT_OBJS) $(call fs_objs,$(GUEST_SRCS_$(1))) $(GUEST_LDS)
	@mkdir -p $$(dir $$@)
	$$(LD) $$(FS_LDFLAGS) -T $(GUEST_LDS) -o $$@ $$(filter %.o,$$^)
endef
$(foreach g,$(GUEST_NAMES),$(eval $(call GUEST_PROGRAM,$(g))))

# The real-mode test guest (tests/qemu/cases/real16-uefi.sh), never in the
# image: 16-bit assembly without the kit, linked at 0 (its entry).
build/guest/real16.elf: $(call fs_objs,guest/real16.S)
	@mkdir -p $(dir $@)
	$(LD) $(FS_LDFLAGS) -Ttext=0 -e real16_start -o $@ $<

build/guest/%.bin: build/guest/%.elf
	$(OBJCOPY) -O binary $< $@

.SECONDARY: $(GUEST_ELFS) build/guest/real16.elf

.PHONY: guests guest-check
guests: $(GUEST_BINS) build/guest/real16.bin
all: guests

# The images exist, their header's entry offset holds the entry stub, and
# nothing is left to relocate (tests/guest/check.sh).
guest-check: $(GUEST_BINS)
	@RELINK_OBJS="$(GUEST_KIT_OBJS) $(call fs_objs,$(GUEST_SRCS_service))" \
		tests/guest/check.sh $(GUEST_NAMES)
test-host: guest-check

# launch/drtm/: DRTM data structures and decision logic (SKINIT SLB, TXT
# MLE header / page table / heap / ERRORCODE / MTRR / post-launch checks,
# the launch policy). Pure code: host-tested (tests/unit/test_skinit*.c,
# test_txt*.c, test_launch_policy.c), fuzzed (tests/fuzz/fuzz_txt_heap.c),
# and linked into launch.elf (--gc-sections keeps only what is called).
# docs/drtm.md describes it; TXT and SKINIT are hardware-only, untested on
# hardware.
DRTM_SRCS := launch/drtm/skinit.c launch/drtm/txt_mle.c launch/drtm/txt_heap_parse.c \
             launch/drtm/txt_caps.c launch/drtm/txt_mle_walk.c launch/drtm/txt_dmar.c \
             launch/drtm/txt_heap_build.c launch/drtm/txt_err.c launch/drtm/txt_mtrr.c \
             launch/drtm/txt_mtrr_check.c \
             launch/drtm/txt_pmr.c launch/drtm/txt_presenter.c launch/drtm/txt_post.c \
             launch/drtm/txt_acm.c launch/drtm/launch_policy.c launch/drtm/prep_plan.c
HOST_TESTABLE_SRCS += $(DRTM_SRCS)
# launch/build.mk computed LAUNCH_OBJS before including this file.
LAUNCH_SRCS += $(DRTM_SRCS)
LAUNCH_OBJS += $(call fs_objs,$(DRTM_SRCS))
# Emulated DRTM, guest side (port I/O on the harness's UART: launch only);
# the TXT sequence and MTRR access (registers and GETSEC: HARDWARE-ONLY).
DRTM_HW_SRCS := launch/drtm/emulated.c launch/drtm/prep.c launch/drtm/txt_launch.c \
                launch/drtm/txt_mtrr_hw.c
LAUNCH_SRCS += $(DRTM_HW_SRCS)
LAUNCH_OBJS += $(call fs_objs,$(DRTM_HW_SRCS))
# The host harness that answers it (tests/drtm/, docs/drtm.md).
include tests/drtm/build.mk

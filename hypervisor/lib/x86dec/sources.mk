# The MMIO instruction decoder and guest instruction fetcher
# (docs/linux-partition.md, "The MMIO write decoder"; included by
# hypervisor/build.mk). Freestanding and host-tested; not linked into the
# hypervisor image until the Linux partition's NPF handler uses it.
HV_X86DEC_SRCS := hypervisor/lib/x86dec/decode.c \
                  hypervisor/lib/x86dec/modrm.c \
                  hypervisor/lib/x86dec/operands.c
HV_X86DEC_SRCS += hypervisor/lib/x86dec/walk.c \
                  hypervisor/lib/x86dec/fetch.c

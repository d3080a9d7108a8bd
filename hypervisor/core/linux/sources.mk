# A Linux partition's boot protocol (docs/linux-partition.md, "Boot
# protocol"; included by hypervisor/build.mk): the bzImage parser, the zero
# page and e820 map, the guest-physical layout. Pure and host-tested; not
# linked into the hypervisor's boot path yet (the integration of issue 13).
HV_LINUX_SRCS := hypervisor/core/linux/bzimage.c \
                 hypervisor/core/linux/zeropage.c \
                 hypervisor/core/linux/layout.c \
                 hypervisor/core/linux/load.c

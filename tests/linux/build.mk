# The boot-protocol check against Debian's own kernel (tests/linux/
# bzimage-check.sh; docs/linux-partition.md, "Boot protocol"): the Linux
# kit's build/linux/linux-vmlinuz (image/linux.mk, tools/linux-kit.sh; the
# package fetched once with apt-get download, cached under build/linux/debs/).
# Part of test-host (image/linux.mk).
LINUX_BZINFO := build/tests/linux/bzimage-info
LINUX_BZINFO_OBJS := $(call host_objs,tests/linux/bzimage-info.c $(HV_LINUX_SRCS) $(HV_VACPI_SRCS) \
                     common/lib/err.c common/lib/fmt.c)

$(LINUX_BZINFO): $(LINUX_BZINFO_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: linux-boot-check
linux-boot-check: $(LINUX_BZINFO) build/linux/linux-vmlinuz
	@tests/linux/bzimage-check.sh $(LINUX_BZINFO) build/linux/linux-vmlinuz

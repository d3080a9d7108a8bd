# The boot-protocol check against Debian's own kernel (tests/linux/
# bzimage-check.sh; docs/linux-partition.md, "Boot protocol"). Not part of
# test-host yet: it needs the Debian kernel package (fetched with apt-get
# download, cached under build/linux/).
LINUX_BZINFO := build/tests/linux/bzimage-info
LINUX_BZINFO_OBJS := $(call host_objs,tests/linux/bzimage-info.c $(HV_LINUX_SRCS) \
                     common/lib/err.c common/lib/fmt.c)

$(LINUX_BZINFO): $(LINUX_BZINFO_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: linux-boot-check
linux-boot-check: $(LINUX_BZINFO)
	@tests/linux/bzimage-check.sh $(LINUX_BZINFO)

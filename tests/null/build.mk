# The null kernel (docs/testing.md): a Multiboot2 kernel that prints
# "null: ready" and halts, booted from an image built exactly like
# build/parapet.img (image/mkimage.sh), as the boot benchmark's baseline.
NULL_ELF := build/tests/null/null.elf
NULL_IMG := build/tests/null/null.img
NULL_ISO := build/tests/null/null.iso
NULL_OBJS := $(call fs_objs,tests/null/null.S)

$(NULL_ELF): $(NULL_OBJS) tests/null/null.ld
	@mkdir -p $(dir $@)
	$(LD) $(FS_LDFLAGS) -T tests/null/null.ld $(NULL_OBJS) -o $@

$(NULL_IMG): $(NULL_ELF) tests/null/grub.cfg image/mkimage.sh
	image/mkimage.sh disk $@ tests/null/grub.cfg $(NULL_ELF)

$(NULL_ISO): $(NULL_ELF) tests/null/grub.cfg image/mkimage.sh
	image/mkimage.sh iso $@ tests/null/grub.cfg $(NULL_ELF)

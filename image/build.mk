# Boot media (docs/image.md), built unprivileged by image/mkimage.sh:
#   build/parapet.img  GPT disk: ESP (GRUB EFI with tpm built in, grub.cfg,
#                      launch.elf, hypervisor.elf) + policy slots A/B
#   build/parapet.iso  hybrid BIOS+UEFI ISO (grub-mkrescue), same files
IMG := build/parapet.img
ISO := build/parapet.iso
IMAGE_DEPS := image/mkimage.sh image/grub.cfg $(LAUNCH_ELF) $(HV_ELF)

$(IMG): $(IMAGE_DEPS)
	image/mkimage.sh disk $@ image/grub.cfg $(LAUNCH_ELF) $(HV_ELF)

$(ISO): $(IMAGE_DEPS)
	image/mkimage.sh iso $@ image/grub.cfg $(LAUNCH_ELF) $(HV_ELF)

# Compiler flags shared by every fragment.
#  FS_*   : freestanding code (launch stage, hypervisor, null kernel)
#  HOST_* : host tools and unit tests (always with ASan + UBSan)

CC       ?= gcc
HOSTCC   ?= gcc
LD       := ld
OBJCOPY  := objcopy
CLANG    ?= clang

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wpointer-arith -Wvla -Wundef \
        -Wcast-align -Wwrite-strings -Wformat=2 -Wimplicit-fallthrough

INCLUDES := -Icommon/include -I.

# The measured images must not depend on where the tree was checked out:
# DWARF records the compilation directory, so map it to "." (the hypervisor
# ELF is measured whole, debug sections included; docs/image.md).
REPRO := -ffile-prefix-map=$(CURDIR)=.

FS_CFLAGS := -std=gnu11 -m64 -O2 -g -ffreestanding -fno-builtin -nostdlib \
             -fno-pie -fno-pic -mno-red-zone -mgeneral-regs-only \
             -mcmodel=small -fno-stack-protector -fno-common \
             -fno-asynchronous-unwind-tables -fno-omit-frame-pointer \
             -fcf-protection=none -ffunction-sections -fdata-sections \
             $(WARN) $(INCLUDES) $(REPRO) -DPP_FREESTANDING=1
FS_ASFLAGS := -m64 -g -fno-pie $(INCLUDES) $(REPRO) -D__ASSEMBLY__ -DPP_FREESTANDING=1
FS_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 \
              -z noexecstack --gc-sections --build-id=none

SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_CFLAGS := -std=gnu11 -O1 -g -fno-omit-frame-pointer $(SAN) \
               $(WARN) $(INCLUDES) -DPP_HOST=1
HOST_LDFLAGS := $(SAN)

# Object naming: build/fs/<path>.o for freestanding objects,
# build/host/<path>.o for host objects, from the same source file.
fs_objs   = $(patsubst %,build/fs/%.o,$(basename $(1)))
host_objs = $(patsubst %,build/host/%.o,$(basename $(1)))

build/fs/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(FS_CFLAGS) -MMD -MP -c $< -o $@

build/fs/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(FS_ASFLAGS) -MMD -MP -c $< -o $@

# `make CET=1` (docs/hypervisor.md, "CET"): the hypervisor with indirect
# branch tracking (ENDBR64 at every indirect-branch target, from
# -fcf-protection=branch; no jump tables, whose `notrack` jumps would need
# S_CET.NO_TRACK_EN) and the code that turns IBT and shadow stacks on. Its
# objects go to build/cet/fs/, its outputs to build/cet/, so the default
# build's objects and outputs never mix with it. Off by default.
CET ?=
FS_CET_CFLAGS := $(filter-out -fcf-protection=none,$(FS_CFLAGS)) \
                 -fcf-protection=branch -fno-jump-tables -DPP_CET=1
FS_CET_ASFLAGS := $(FS_ASFLAGS) -DPP_CET=1
# build/fs/<path>.o -> build/cet/fs/<path>.o
cet_objs = $(patsubst build/fs/%,build/cet/fs/%,$(1))

build/cet/fs/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(FS_CET_CFLAGS) -MMD -MP -c $< -o $@

build/cet/fs/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(FS_CET_ASFLAGS) -MMD -MP -c $< -o $@

build/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

-include $(shell find build -name '*.d' 2>/dev/null)

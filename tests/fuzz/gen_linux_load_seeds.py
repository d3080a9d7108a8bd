#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Seeds for tests/fuzz/fuzz_linux_load.c (its comment has the input format):
synthetic bzImages shaped like Debian's (linux-guest.md 1.2) with loads that
succeed and loads refused at each stage. Writes tests/fuzz/corpus/linux_load/."""
import os
import struct
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "linux_load")
MB = 1 << 20


def image(setup_sects, syssize, pref, init_size, cmdline_size=2047, align=2 * MB):
    n = (setup_sects + 1) * 512 + syssize * 16 + 64  # + an appended "signature"
    b = bytearray(n)
    b[0x1F1] = setup_sects
    struct.pack_into("<I", b, 0x1F4, syssize)
    struct.pack_into("<H", b, 0x1FE, 0xAA55)
    b[0x200], b[0x201] = 0xEB, 0x6A  # the header ends at 0x26C
    struct.pack_into("<IH", b, 0x202, 0x53726448, 0x020F)
    b[0x211] = 0x01  # LOADED_HIGH
    struct.pack_into("<II", b, 0x22C, 0x7FFFFFFF, align)  # initrd_addr_max, alignment
    b[0x234], b[0x235] = 1, align.bit_length() - 1  # relocatable, min_alignment
    struct.pack_into("<HI", b, 0x236, 0x7F, cmdline_size)
    struct.pack_into("<QI", b, 0x258, pref, init_size)
    off = (setup_sects + 1) * 512
    for i in range(syssize * 16):
        b[off + i] = (i * 7 + 3) & 0xFF
    return bytes(b)


def seed(flags, ram_units, cmdline=b"", extra=b"", initrd_units=0, entry=0,
         host_units=0, cpus=1, apic=(0, 0, 0, 0), img=b""):
    p = struct.pack("<BHHBHIHB4B", flags, ram_units, len(cmdline), len(extra),
                    initrd_units, entry, host_units, cpus - 1, *apic)
    assert len(p) == 19
    return p + cmdline + extra + img


SMALL = image(4, 0x100, 2 * MB, 4 * MB)
DEBIAN = image(39, 0x180, 16 * MB, 0x3378000)
CMD = b"console=ttyS0,115200 8250.nr_uarts=1 io_delay=none quiet\n"
EXTRA = b"tsc_early_khz=2500000"
SEEDS = {
    "small_16m_all.bin": seed(7, 8, CMD, EXTRA, 256, img=SMALL),
    "debian_256m.bin": seed(7, 128, CMD, EXTRA, 0x1000, img=DEBIAN),
    "cmdline_trailing_blanks.bin": seed(3, 8, b"quiet \t\r\n", EXTRA, img=SMALL),
    "extra_129_bytes.bin": seed(3, 8, b"quiet", b"x" * 129, img=SMALL),
    # the kernel at 1 MiB with a page left above it: 8 KiB fit nowhere
    "initrd_fits_nowhere.bin": seed(7, 8, CMD, EXTRA, 512,
                                    img=image(4, 0x100, MB, 15 * MB - 4096, align=4096)),
    "extra_alone.bin": seed(6, 8, b"", EXTRA, 1, img=SMALL),
    "host_backs_8m.bin": seed(0xF, 8, CMD, EXTRA, 256, host_units=0x80, img=SMALL),
    "two_cpus_same_apic.bin": seed(0x27, 8, CMD, EXTRA, 256, cpus=2, apic=(3, 3, 0, 0), img=SMALL),
    "cmdline_control_byte.bin": seed(3, 8, b"console=ttyS0\x01 quiet", EXTRA, img=SMALL),
    "entry_at_load.bin": seed(0x13, 8, CMD, EXTRA, entry=2 * MB, img=SMALL),
    "cmdline_size_32.bin": seed(3, 8, b"0123456789", EXTRA, img=image(4, 0x100, 2 * MB, 4 * MB, 32)),
}

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print(f"{len(SEEDS)} seeds in {OUT}", file=sys.stderr)

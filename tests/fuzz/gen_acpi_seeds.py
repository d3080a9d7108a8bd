#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write seed inputs for fuzz_acpi into tests/fuzz/corpus/acpi/.

Input format (see fuzz_acpi.c): byte 0 = flags (bit 0: fix checksums),
then a fake physical memory from address 0 holding the RSDP at 0 and the
tables at the addresses the RSDP/XSDT/RSDT name.
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "acpi")


def csum(b, at):
    b[at] = 0
    b[at] = (-sum(b)) & 0xFF


def sdt(sig, rev, body):
    b = bytearray(sig + struct.pack("<IBB", 36 + len(body), rev, 0) + b"PARAPTTESTTABL" +
                  b"\0" * 12) + body
    assert len(b) == 36 + len(body)
    csum(b, 9)
    return bytes(b)


def madt(ncpus=4):
    e = b"".join(struct.pack("<BBBBI", 0, 8, i, i, 1) for i in range(ncpus))
    e += struct.pack("<BBBBII", 1, 12, 0, 0, 0xFEC00000, 0)
    e += struct.pack("<BBBBIH", 2, 10, 0, 0, 2, 0)
    e += struct.pack("<BBBHB", 4, 6, 0xFF, 0, 1)
    e += struct.pack("<BBHIII", 9, 16, 0, 300, 1, 77)
    e += struct.pack("<BBHQ", 5, 12, 0, 0xFEE00000)
    return sdt(b"APIC", 5, struct.pack("<II", 0xFEE00000, 1) + e)


def mcfg():
    return sdt(b"MCFG", 1, b"\0" * 8 + struct.pack("<QHBBI", 0xB0000000, 0, 0, 0xFF, 0))


def ivrs():
    dev = struct.pack("<BHB", 3, 0, 0) + struct.pack("<BHB", 4, 0xFFFF, 0)
    dev += struct.pack("<BHBBHB", 0x48, 0, 0xD7, 0, 0xA0, 1)
    h10 = struct.pack("<BBHHHQHHI", 0x10, 0xD1, 24 + len(dev), 0x18, 0x40, 0xFED80000, 0, 0, 0)
    hid = struct.pack("<BHB", 0xF0, 0xA5, 0xD7) + b"AMDI0020" + b"\0" * 8 + bytes([2, 5]) + b"\\_SB_"
    h11 = struct.pack("<BBHHHQHHIQQ", 0x11, 0xD1, 40 + len(dev) + len(hid), 0x18, 0x40,
                      0xFED80000, 0, 0, 0, 0, 0)
    ivmd = struct.pack("<BBHHHQQQ", 0x21, 0, 32, 0x10, 0, 0, 0x100000, 0x1000)
    return sdt(b"IVRS", 1, struct.pack("<I", 0x203040) + b"\0" * 8 + h10 + dev + h11 + dev + hid + ivmd)


def dmar():
    scope = struct.pack("<BBHBBBB", 3, 8, 0, 0, 0xF0, 0x1F, 0)
    drhd = struct.pack("<HHBBHQ", 0, 16 + len(scope), 1, 0, 0, 0xFED90000) + scope
    rmrr = struct.pack("<HHHHQQ", 1, 24 + 8, 0, 0, 0x7D000000, 0x7D7FFFFF)
    rmrr += struct.pack("<BBHBBBB", 1, 8, 0, 0, 0, 0x1D, 0)
    atsr = struct.pack("<HHBBH", 2, 8, 1, 0, 0)
    rhsa = struct.pack("<HHIQI", 3, 20, 0, 0xFED90000, 0)
    return sdt(b"DMAR", 1, bytes([38, 1]) + b"\0" * 10 + drhd + rmrr + atsr + rhsa)


def tpm2(method):
    ctrl = 0 if method == 6 else 0xFED40040
    return sdt(b"TPM2", 4, struct.pack("<HHQI", 0, 0, ctrl, method) + b"\0" * 12 +
               struct.pack("<IQ", 0x10000, 0x7FF0000))


def image(tables, xsdt=True):
    mem = bytearray(b"\0" * 0x40)
    addrs = []
    for t in tables:
        while len(mem) % 16:
            mem.append(0)
        addrs.append(len(mem))
        mem += t
    while len(mem) % 16:
        mem.append(0)
    root_at = len(mem)
    if xsdt:
        mem += sdt(b"XSDT", 1, b"".join(struct.pack("<Q", a) for a in addrs))
        rsdp = bytearray(b"RSD PTR " + b"\0" + b"PARAPT" + bytes([2]) +
                         struct.pack("<IIQ", 0, 36, root_at) + b"\0" * 4)
        rsdp[8] = 0
        rsdp[8] = (-sum(rsdp[:20])) & 0xFF
        rsdp[32] = 0
        rsdp[32] = (-sum(rsdp)) & 0xFF
    else:
        mem += sdt(b"RSDT", 1, b"".join(struct.pack("<I", a) for a in addrs))
        rsdp = bytearray(b"RSD PTR " + b"\0" + b"PARAPT" + bytes([0]) + struct.pack("<I", root_at))
        rsdp[8] = 0
        rsdp[8] = (-sum(rsdp[:20])) & 0xFF
    mem[0:len(rsdp)] = rsdp
    return bytes(mem)


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {
        "q35-amd-tis": b"\1" + image([sdt(b"FACP", 6, b"\0" * 240), madt(), mcfg(), ivrs(), tpm2(6)]),
        "q35-intel-crb": b"\1" + image([madt(), mcfg(), dmar(), tpm2(7)]),
        "rsdt-only": b"\1" + image([madt(2), mcfg()], xsdt=False),
        "q35-amd-nofix": b"\0" + image([madt(), ivrs()]),
        "raw-madt": b"\0" + madt(),
        "raw-ivrs": b"\0" + ivrs(),
        "raw-dmar": b"\0" + dmar(),
        "raw-tpm2": b"\0" + tpm2(6),
        "raw-mcfg": b"\0" + mcfg(),
    }
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()

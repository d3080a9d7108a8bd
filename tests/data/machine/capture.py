#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Capture a machine directory (docs/policy-machine.md) from the QEMU machine
`make run` boots, without booting anything: QEMU runs with the qtest
accelerator (no CPU executes), and this script reads through qtest's port
I/O what firmware would read:

  fw_cfg (selector 0x510, data 0x511; QEMU docs/specs/fw_cfg.rst): the ACPI
  blobs etc/acpi/tables and etc/acpi/rsdp, and etc/table-loader, whose
  ALLOCATE / ADD_POINTER / ADD_CHECKSUM commands are applied as firmware
  applies them (tables placed at TABLES_AT, the RSDP at RSDP_AT), then
  every table reachable from the RSDP's RSDT/XSDT (and the FADT's DSDT and
  FACS) is written as acpidump -b names it: lower-case signature, an
  instance number from the second one on, ".dat";
  etc/e820: QEMU's RAM map, written as memmap.txt lines (the legacy
  0xa0000-0xfffff window, which every PC firmware reserves, marked
  Reserved);
  PCI configuration mechanism #1 (0xcf8/0xcfc) on bus 0: lspci.txt in the
  format of `lspci -D -n`.

This is the machine as QEMU builds it, before firmware runs: firmware
(OVMF, SeaBIOS) re-packs the same tables and reserves some RAM of its own;
docs/policy-machine.md says what that changes.

usage: capture.py OUTDIR -- QEMU ARGS...   (capture.sh passes make run's)
"""
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

TABLES_AT = 0x3FFE0000
RSDP_AT = 0x000F5000


class QTest:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.connect(path)
        self.buf = b""

    def cmd(self, line):
        self.s.sendall(line.encode() + b"\n")
        while b"\n" not in self.buf:
            chunk = self.s.recv(4096)
            if not chunk:
                raise RuntimeError("qtest: connection closed")
            self.buf += chunk
        reply, self.buf = self.buf.split(b"\n", 1)
        reply = reply.decode()
        if not reply.startswith("OK"):
            raise RuntimeError("qtest: %s -> %s" % (line, reply))
        return reply

    def outw(self, port, v):
        self.cmd("outw 0x%x 0x%x" % (port, v))

    def outl(self, port, v):
        self.cmd("outl 0x%x 0x%x" % (port, v))

    def inb(self, port):
        return int(self.cmd("inb 0x%x" % port).split()[1], 16)

    def inl(self, port):
        return int(self.cmd("inl 0x%x" % port).split()[1], 16)


def fw_cfg_read(q, sel, n):
    q.outw(0x510, sel)
    return bytes(q.inb(0x511) for _ in range(n))


def fw_cfg_files(q):
    q.outw(0x510, 0x19)
    count = struct.unpack(">I", bytes(q.inb(0x511) for _ in range(4)))[0]
    files = {}
    for _ in range(count):
        e = bytes(q.inb(0x511) for _ in range(64))
        size, sel = struct.unpack(">IH", e[:6])
        files[e[8:].split(b"\0")[0].decode()] = (sel, size)
    return files


def load_tables(q):
    files = fw_cfg_files(q)
    blobs = {}
    for name in ("etc/acpi/tables", "etc/acpi/rsdp", "etc/table-loader"):
        sel, size = files[name]
        blobs[name] = bytearray(fw_cfg_read(q, sel, size))
    loader = blobs.pop("etc/table-loader")
    addr = {"etc/acpi/tables": TABLES_AT, "etc/acpi/rsdp": RSDP_AT}
    for off in range(0, len(loader), 128):
        e = loader[off:off + 128]
        cmd = struct.unpack("<I", e[:4])[0]
        fname = lambda o: e[o:o + 56].split(b"\0")[0].decode()
        if cmd == 1:  # ALLOCATE: file, align, zone
            if fname(4) not in addr:
                raise RuntimeError("table-loader allocates unknown %s" % fname(4))
        elif cmd == 2:  # ADD_POINTER: dest, src, offset, size
            dest, src = fname(4), fname(60)
            o, sz = struct.unpack("<IB", e[116:121])
            v = int.from_bytes(blobs[dest][o:o + sz], "little") + addr[src]
            blobs[dest][o:o + sz] = v.to_bytes(sz, "little")
        elif cmd == 3:  # ADD_CHECKSUM: file, offset, start, length
            f = fname(4)
            o, start, length = struct.unpack("<III", e[60:72])
            s = sum(blobs[f][start:start + length]) & 0xFF
            blobs[f][o] = (blobs[f][o] - s) & 0xFF
    mem = {}
    for name, base in addr.items():
        mem[base] = bytes(blobs[name])
    return mem


def peek(mem, phys, n):
    for base, data in mem.items():
        if base <= phys and phys + n <= base + len(data):
            return data[phys - base:phys - base + n]
    raise RuntimeError("no table bytes at 0x%x" % phys)


def table(mem, phys):
    length = struct.unpack("<I", peek(mem, phys + 4, 4))[0]
    return peek(mem, phys, length)


def write_tables(mem, out):
    rsdp = peek(mem, RSDP_AT, 20)
    rev = rsdp[15]
    if rev >= 2:
        rsdp = peek(mem, RSDP_AT, struct.unpack("<I", peek(mem, RSDP_AT + 20, 4))[0])
    tables = [rsdp]
    roots = []
    rsdt = struct.unpack("<I", rsdp[16:20])[0]
    if rsdt:
        roots.append((rsdt, 4))
    if rev >= 2 and struct.unpack("<Q", rsdp[24:32])[0]:
        roots.append((struct.unpack("<Q", rsdp[24:32])[0], 8))
    listed = []
    for phys, w in roots:
        t = table(mem, phys)
        tables.append(t)
        for o in range(36, len(t), w):
            p = int.from_bytes(t[o:o + w], "little")
            if p and p not in listed:
                listed.append(p)
    for p in listed:
        t = table(mem, p)
        tables.append(t)
        if t[:4] == b"FACP":
            for o, w in ((36, 4), (40, 4)):  # FIRMWARE_CTRL (FACS), DSDT
                q = int.from_bytes(t[o:o + w], "little")
                if q:
                    n = struct.unpack("<I", peek(mem, q + 4, 4))[0]
                    tables.append(peek(mem, q, n))
    seen = {}
    for t in tables:
        sig = "rsdp" if t[:8] == b"RSD PTR " else t[:4].decode().lower()
        k = seen.get(sig, 0)
        seen[sig] = k + 1
        with open(os.path.join(out, "%s%s.dat" % (sig, k if k else "")), "wb") as f:
            f.write(t)


def write_memmap(q, out):
    files = fw_cfg_files(q)
    sel, size = files["etc/e820"]
    raw = fw_cfg_read(q, sel, size)
    names = {1: "System RAM", 2: "Reserved", 3: "ACPI Tables", 4: "ACPI Non-volatile Storage"}
    lines = []
    for o in range(0, len(raw), 20):
        base, length, typ = struct.unpack("<QQI", raw[o:o + 20])
        if typ == 1 and base < 0xA0000 < base + length:
            # the legacy VGA/BIOS window 0xa0000-0xfffff is never RAM on a PC
            lines.append((base, 0xA0000 - 1, "System RAM"))
            lines.append((0xA0000, 0xFFFFF, "Reserved"))
            if base + length > 0x100000:
                lines.append((0x100000, base + length - 1, "System RAM"))
            continue
        lines.append((base, base + length - 1, names.get(typ, "Unknown E820 type")))
    with open(os.path.join(out, "memmap.txt"), "w") as f:
        for s, e, t in lines:
            f.write("0x%x 0x%x %s\n" % (s, e, t))


def write_lspci(q, out):
    lines = []

    def cfg(dev, fn, off):
        q.outl(0xCF8, 0x80000000 | dev << 11 | fn << 8 | (off & 0xFC))
        return q.inl(0xCFC)

    for dev in range(32):
        for fn in range(8):
            idv = cfg(dev, fn, 0)
            if idv & 0xFFFF == 0xFFFF:
                if fn == 0:
                    break
                continue
            cls = cfg(dev, fn, 8)
            line = "0000:00:%02x.%d %04x: %04x:%04x" % (dev, fn, cls >> 16, idv & 0xFFFF, idv >> 16)
            if cls & 0xFF:
                line += " (rev %02x)" % (cls & 0xFF)
            lines.append(line)
            if fn == 0 and not (cfg(dev, 0, 0xC) >> 16) & 0x80:
                break
    with open(os.path.join(out, "lspci.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    out, qemu = sys.argv[1], sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sock = os.path.join(tmp, "qtest.sock")
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(sock)
        srv.listen(1)
        p = subprocess.Popen(qemu + ["-qtest", "unix:" + sock, "-qtest-log", "/dev/null", "-S"],
                             stderr=subprocess.DEVNULL)
        try:
            srv.settimeout(30)
            conn, _ = srv.accept()
            q = QTest.__new__(QTest)
            q.s, q.buf = conn, b""
            # Firmware enables the Q35 ECAM window (MCH PCIEXBAR, config
            # offset 0x60, 256 buses at 0xb0000000: OVMF's and SeaBIOS's
            # choice) before it reads the tables; QEMU then lists it in MCFG.
            q.outl(0xCF8, 0x80000060)
            q.outl(0xCFC, 0xB0000001)
            q.outl(0xCF8, 0x80000064)
            q.outl(0xCFC, 0)
            write_tables(load_tables(q), out)
            write_memmap(q, out)
            write_lspci(q, out)
        finally:
            p.terminate()
            p.wait(10)


if __name__ == "__main__":
    main()

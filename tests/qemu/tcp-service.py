#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The host's TCP service for the Linux guest's network tests.

tests/qemu/linux-lib.sh (linux_tcp_start, linux_tcp_stop) runs it;
docs/testing.md. It listens on 127.0.0.1 on a port the kernel picks (never
a fixed one: the machine is shared), writes `port N` and `key HEX` as the
first two lines of stdout, then answers every line a client sends with
sha256(KEY ":" LINE) in lowercase hex and a newline, where KEY is the
64-character hex string of 32 random bytes drawn at start and LINE the
line without its line end. The guest cannot know the key, so a matching
reply proves a real round trip to this process; the test computes the
expected reply from the key it read. Each exchange is also logged to
stdout as `conn N line TEXT reply HEX`. A connection ends when the client
closes its side (or sends nothing for --idle seconds); the service ends on
SIGTERM, or after --lifetime seconds, so a test that dies cannot leave it
behind for long.
"""
import argparse
import hashlib
import secrets
import signal
import socket
import sys
import threading
import time


def reply_for(key, line):
    return hashlib.sha256(key.encode() + b":" + line).hexdigest()


def serve(conn, n, key, idle, out):
    conn.settimeout(idle)
    buf = b""
    try:
        while True:
            try:
                data = conn.recv(4096)
            except socket.timeout:
                break
            if not data:
                break
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                line = line.rstrip(b"\r")
                r = reply_for(key, line)
                conn.sendall(r.encode() + b"\n")
                out(f"conn {n} line {line.decode('ascii', 'replace')} reply {r}")
            if len(buf) > 4096:
                out(f"conn {n} line too long: closed")
                break
    except OSError as e:
        out(f"conn {n} error {e}")
    finally:
        conn.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lifetime", type=float, default=900.0,
                    help="exit after this many seconds (default 900)")
    ap.add_argument("--idle", type=float, default=60.0,
                    help="close a connection silent this long (default 60)")
    args = ap.parse_args()

    lock = threading.Lock()

    def out(text):
        with lock:
            print(text, flush=True)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    key = secrets.token_hex(32)
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(1.0)
    out(f"port {srv.getsockname()[1]}")
    out(f"key {key}")
    end = time.monotonic() + args.lifetime
    n = 0
    while time.monotonic() < end:
        try:
            conn, peer = srv.accept()
        except socket.timeout:
            continue
        n += 1
        out(f"conn {n} from {peer[0]}:{peer[1]}")
        threading.Thread(target=serve, args=(conn, n, key, args.idle, out),
                         daemon=True).start()
    out("lifetime over")


if __name__ == "__main__":
    main()

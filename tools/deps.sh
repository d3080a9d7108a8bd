#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make deps` (and quietly before `make run`, `make test`, `make bench`):
# make sure the Debian 12 packages Parapet builds and tests with are
# installed. Silent when they are. As root, installs what is missing;
# otherwise prints the exact apt-get command and fails.
set -euo pipefail

# What each package is for (docs/running.md, docs/testing.md).
pkgs=(
	gcc make binutils      # build
	gcc-12                 # the Linux kit's test module: the cloud kernel's compiler (tools/linux-kit.sh ipitest)
	clang libclang-rt-14-dev # libFuzzer + sanitizer runtimes (tests/fuzz)
	qemu-system-x86        # make run / make test / make bench
	ovmf                   # UEFI firmware (OVMF_CODE_4M.fd, OVMF_VARS_4M.fd)
	swtpm swtpm-tools      # software TPM; swtpm_setup makes its EK certificate
	tpm2-tools             # reading PCRs / event logs in tests
	grub-efi-amd64-bin grub-pc-bin grub-common # GRUB images (grub-mkimage, grub-mkrescue)
	xorriso mtools dosfstools gdisk # ISO and GPT disk image, no root needed
	openssl libssl-dev libtss2-dev # attestation tools (parapet attest)
	libjson-c-dev libsqlite3-dev # parapet attest verify: reference.json, --json, --state
	python3                # tests/attest/check.sh: JSON checks, byte edits
	cppcheck clang-tidy clang-format # make lint / make format
	procps                 # pgrep in tests
	gdb                    # tests/qemu/cases/tpm-killed-bios.sh: a breakpoint in the guest
	acpica-tools           # iasl, acpiexec: tests/linux/vacpi-check.sh (the virtual ACPI tables)
	cpio                   # the Linux kit's initramfs (tools/linux-kit.sh)
)

missing=()
for p in "${pkgs[@]}"; do
	if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != installed ]; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "parapet: missing Debian packages: ${missing[*]}" >&2
	echo "parapet: install them with:" >&2
	echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 1
fi

echo "parapet: installing missing Debian packages: ${missing[*]}"
log=$(mktemp "${TMPDIR:-/tmp}/parapet-deps.XXXXXX")
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; } \
	</dev/null >"$log" 2>&1; then
	tail -n 20 "$log" >&2
	echo "parapet: apt-get failed (full log $log)" >&2
	exit 1
fi
rm -f "$log"

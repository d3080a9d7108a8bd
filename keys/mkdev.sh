#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make keys`: development Ed25519 keys for both roles (keys/README.md),
# created with OpenSSL 3 only when absent, so reruns change nothing.
#   DIR/ROLE.pem      private key (PKCS#8 PEM), mode 0600
#   DIR/ROLE.pub.pem  its public key (SubjectPublicKeyInfo PEM)
# Development only: DIR (keys/dev/) is git-ignored; production keys are
# made and kept offline (keys/README.md) and never pass through here.
set -euo pipefail
dir=${1:?usage: keys/mkdev.sh DIR}
command -v openssl >/dev/null || { echo "keys: openssl is not installed (make deps)" >&2; exit 1; }
mkdir -p "$dir"
for role in policy backup; do
	priv=$dir/$role.pem pub=$dir/$role.pub.pem
	if [ ! -f "$priv" ]; then
		(umask 077 && openssl genpkey -algorithm ed25519 -out "$priv.tmp")
		mv "$priv.tmp" "$priv"
		rm -f "$pub"
		echo "keys: created development $role key $priv"
	fi
	if [ ! -f "$pub" ]; then
		openssl pkey -in "$priv" -pubout -out "$pub.tmp"
		mv "$pub.tmp" "$pub"
	fi
done

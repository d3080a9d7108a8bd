#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make lint-format`, the fast part of `make lint` that `make test` runs
# first: every tracked C source and header must already be formatted as
# .clang-format says (`clang-format --dry-run --Werror`, one run over all
# files). Prints the files that are not and the command that fixes them;
# exit status 1 then, or when clang-format is missing or fails.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v clang-format >/dev/null; then
	echo "format: clang-format is not installed (make deps installs it)" >&2
	exit 1
fi

# Tracked files; outside a git checkout (or one git refuses to read), every
# .c/.h outside build/.
if ! list=$(git ls-files '*.c' '*.h' 2>/dev/null) || [ -z "$list" ]; then
	list=$(find . \( -path ./build -o -path ./.git \) -prune -o -type f \
		\( -name '*.c' -o -name '*.h' \) -print | sed 's|^\./||' | sort)
fi
files=()
while IFS= read -r f; do [ -f "$f" ] && files+=("$f"); done <<<"$list"
[ ${#files[@]} -gt 0 ] || { echo "format: no C files found" >&2; exit 1; }

out=$(printf '%s\0' "${files[@]}" | xargs -0 clang-format --dry-run --Werror 2>&1)
rc=$?
[ $rc -eq 0 ] && exit 0

# clang-format reports "FILE:LINE:COL: error: code should be clang-formatted".
mapfile -t bad < <(sed -nE 's/^(.+):[0-9]+:[0-9]+: (error|warning): .*/\1/p' <<<"$out" | sort -u)
if [ ${#bad[@]} -eq 0 ]; then
	echo "format: clang-format failed (exit $rc):" >&2
	head -n 20 <<<"$out" >&2
	exit 1
fi
echo "format: ${#bad[@]} file(s) differ from .clang-format:" >&2
printf '  %s\n' "${bad[@]}" >&2
echo "format: fix with: clang-format -i ${bad[*]}" >&2
echo "format: (or 'make format' for every file; assembly in a header: /* clang-format off */)" >&2
exit 1

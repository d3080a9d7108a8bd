#!/usr/bin/env bash
# `make lint`: cppcheck and clang-tidy over every C source, plus the
# clang-format check of tools/format-check.sh (`make lint-format`, which
# `make test` also runs). Exits non-zero on any finding.
set -uo pipefail
cd "$(dirname "$0")/.."
rc=0
# not image/linux/ipitest/: a Linux kernel module (GNU C, the kernel's
# own headers, built by kbuild: tools/linux-kit.sh ipitest), which clang-format
# still checks
mapfile -t srcs < <({ git ls-files '*.c' 2>/dev/null || find . -name '*.c' -not -path './build/*'; } |
	grep -v '^\(\./\)\?image/linux/ipitest/')
inc=(-Icommon/include -I.)

echo "lint: cppcheck (${#srcs[@]} files)"
if ! cppcheck --quiet --error-exitcode=1 --inline-suppr --std=c11 \
	--enable=warning,portability,performance \
	--suppress=missingIncludeSystem --suppress=unusedFunction \
	-D__x86_64__ -DPP_FREESTANDING=1 "${inc[@]}" "${srcs[@]}"; then
	rc=1
fi

echo "lint: clang-tidy"
for f in "${srcs[@]}"; do
	case "$f" in
	tests/*) defs=(-DPP_HOST=1) ;;
	*) defs=(-DPP_FREESTANDING=1 -ffreestanding) ;;
	esac
	out=$(clang-tidy --quiet "$f" -- -std=gnu11 "${inc[@]}" "${defs[@]}" 2>/dev/null)
	if [ -n "$out" ]; then
		echo "$out"
		rc=1
	fi
done

echo "lint: clang-format (tools/format-check.sh)"
tools/format-check.sh || rc=1
[ $rc -eq 0 ] && echo "lint: clean" || echo "lint: findings above"
exit $rc

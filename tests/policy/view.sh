#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `make policy-view-check` (part of `make test-host`): `parapet policy diff`
# and `parapet policy map` as commands (docs/policy-diff-map.md), on the
# binaries build/tests/policy/mkview writes from the unit tests' fixtures:
#  diff: exit 0 identical (also with the tables in another order), 1
#        different (widenings listed first, --json parsed by python3), 2 on
#        usage and load errors;
#  map:  a well-formed SVG (python3's XML parser) naming every partition,
#        device and channel, byte-identical across runs and table orders;
#        exit 1 for an invalid policy, 2 for usage and load errors, and
#        nothing written (an existing output kept, no temporary left) on
#        any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
P=build/bin/parapet
MK=build/tests/policy/mkview
dir=$(mktemp -d "${TMPDIR:-/tmp}/parapet-view.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
fails=0
pass() { echo "policy-view: ok   $1"; }
fail() { echo "policy-view: FAIL $1"; fails=$((fails + 1)); }

# expect STATUS NAME CMD... : the command's exit status is STATUS
expect() {
	local want=$1 name=$2 rc=0
	shift 2
	"$@" >"$dir/out" 2>"$dir/err" || rc=$?
	if [ "$rc" -eq "$want" ]; then pass "$name"; else
		fail "$name: exit $rc, expected $want"
		cat "$dir/out" "$dir/err"
	fi
}
# says NAME PATTERN [FILE]: FILE (default the last stdout) has the fixed string
says() {
	if grep -qF -- "$2" "${3:-$dir/out}"; then pass "$1"; else
		fail "$1: no '$2' in ${3:-the output}"
		cat "${3:-$dir/out}"
	fi
}

$MK "$dir"
F=$dir/fixture.bin

# ---- diff -------------------------------------------------------------------
expect 0 "diff: a policy against itself" $P policy diff "$F" "$F"
says "diff: says identical" "identical in model terms"
expect 0 "diff: tables in another order are the same policy" $P policy diff "$F" "$dir/reordered.bin"
expect 1 "diff: a widened policy differs" $P policy diff "$F" "$dir/wider.bin"
says "diff: widenings first" "widened (review these first):"
says "diff: app's widenings on one line" "  ! app: gains device 0000:00:04.0; gains GSI 10; gains I/O ports 0x2f8-0x307; gains control of service"
says "diff: epoch not raised is flagged" "  ! (policy): epoch not raised"
says "diff: epoch line" "  ! epoch 2 -> 2: not raised"
says "diff: RAM growth with hex and units" "  + RAM gpa 0x0: size 0x1000000 (16 MiB) -> 0x2000000 (32 MiB)"
says "diff: count" "7 changes: 5 widened (!), 1 gained (+), 0 lost (-), 1 other (~)"
w=$(grep -n "^widened" "$dir/out" | cut -d: -f1)
a=$(grep -n "^partition app:" "$dir/out" | cut -d: -f1)
if [ -n "$w" ] && [ -n "$a" ] && [ "$w" -lt "$a" ]; then pass "diff: summary before details"; else fail "diff: summary before details"; fi
expect 1 "diff: the other way round" $P policy diff "$dir/wider.bin" "$F"
says "diff: losses the other way" "  - device 0000:00:04.0 (IOMMU unit 0)"
expect 1 "diff --json" $P policy diff --json "$F" "$dir/wider.bin"
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["identical"] is False
c = [x for x in d["changes"] if x["kind"] == "capability"]
assert c and c[0]["mark"] == "!" and c[0]["partition"] == "app", c
assert c[0]["widens"] == "gains control of service", c
' "$dir/out"; then pass "diff --json: parsed, records as expected"; else fail "diff --json: records"; cat "$dir/out"; fi
expect 0 "diff --json identical" $P policy diff --json "$F" "$F"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["identical"] is True' "$dir/out" &&
	pass "diff --json identical: parsed" || fail "diff --json identical: parsed"
expect 2 "diff: one argument" $P policy diff "$F"
expect 2 "diff: three arguments" $P policy diff "$F" "$F" "$F"
expect 2 "diff: unknown option" $P policy diff --frobnicate "$F" "$F"
expect 2 "diff: missing file" $P policy diff "$F" "$dir/nonexistent.bin"
says "diff: missing file named" "nonexistent.bin" "$dir/err"
head -c 200 "$F" >"$dir/trunc.bin"
expect 2 "diff: truncated binary" $P policy diff "$F" "$dir/trunc.bin"
# source text: the shipped appliance policy against its own compiled binary
$P policy compile policy/appliance.pol -o "$dir/appliance.bin"
expect 0 "diff: source against its binary" $P policy diff policy/appliance.pol "$dir/appliance.bin"
printf 'this is not a policy\n' >"$dir/bad.pol"
expect 2 "diff: a source with an error" $P policy diff policy/appliance.pol "$dir/bad.pol"
says "diff: the source error's position" "bad.pol:1:" "$dir/err"
# policy/linux.pol: the appliance plus a linux64 partition; the mode change spelled
expect 1 "diff: appliance -> linux" $P policy diff policy/appliance.pol policy/linux.pol
says "diff: linux added" "  ! partition added (id 4)"
sed 's/boot linux64/boot long64/' policy/linux.pol >"$dir/long64.pol"
expect 1 "diff: boot mode change" $P policy diff "$dir/long64.pol" policy/linux.pol
says "diff: boot mode long64 -> linux64" "  ~ boot mode long64 -> linux64"
expect 0 "diff --help" $P policy diff --help
says "diff --help: exit statuses" "Exit status: 0 identical, 1 different, 2 usage or load error."

# ---- map --------------------------------------------------------------------
expect 0 "map: the fixture" $P policy map "$F" -o "$dir/fixture.svg"
if python3 -c 'import xml.etree.ElementTree as E, sys; E.parse(sys.argv[1])' "$dir/fixture.svg"; then
	pass "map: well-formed XML"
else fail "map: well-formed XML"; fi
for s in '>service</text>' '>app</text>' '0000:00:03.0' '>ctl: service rw-, app r--, 64 KiB</text>' \
	'Partition map: fixture' 'platform QEMU:Q35'; do
	says "map: names $s" "$s" "$dir/fixture.svg"
done
if grep -qiE '<script|href=|@import|url\(http' "$dir/fixture.svg"; then
	fail "map: self-contained"
else pass "map: self-contained (no script, no external reference)"; fi
expect 0 "map: again" $P policy map "$F" -o "$dir/again.svg"
cmp -s "$dir/fixture.svg" "$dir/again.svg" && pass "map: same bytes twice" || fail "map: same bytes twice"
expect 0 "map: reordered tables" $P policy map "$dir/reordered.bin" -o "$dir/reordered.svg"
cmp -s "$dir/fixture.svg" "$dir/reordered.svg" && pass "map: same bytes for another table order" ||
	fail "map: same bytes for another table order"
expect 0 "map: four partitions" $P policy map "$dir/four.bin" -o "$dir/four.svg"
python3 -c 'import xml.etree.ElementTree as E, sys; E.parse(sys.argv[1])' "$dir/four.svg" &&
	pass "map: four: well-formed XML" || fail "map: four: well-formed XML"
for s in '>net</text>' '>storage</text>' '0000:01:00.0' '0000:00:1f.2' '>net-rx: ' '>blk: ' '>log: '; do
	says "map: four names $s" "$s" "$dir/four.svg"
done

expect 0 "map: source text (policy/appliance.pol)" $P policy map policy/appliance.pol -o "$dir/appliance.svg"
python3 -c 'import xml.etree.ElementTree as E, sys; E.parse(sys.argv[1])' "$dir/appliance.svg" &&
	pass "map: appliance: well-formed XML" || fail "map: appliance: well-formed XML"
says "map: appliance names its partition" ">service</text>" "$dir/appliance.svg"
expect 0 "map: source text (policy/linux.pol)" $P policy map policy/linux.pol -o "$dir/linux.svg"
if python3 -c 'import xml.etree.ElementTree as E, sys; E.parse(sys.argv[1])' "$dir/linux.svg"; then
	pass "map: linux: well-formed XML"
else fail "map: linux: well-formed XML"; fi
says "map: linux's boot mode" ">entry 0x1000200, Linux 64-bit boot</text>" "$dir/linux.svg"

# failures: nothing written, an existing file kept, no temporary left behind
echo old >"$dir/keep.svg"
expect 1 "map: invalid policy refused" $P policy map "$dir/invalid.bin" -o "$dir/keep.svg"
says "map: the validator's reason" "device-ownership" "$dir/err"
expect 1 "map: invalid policy, new file" $P policy map "$dir/invalid.bin" -o "$dir/new.svg"
[ ! -e "$dir/new.svg" ] && pass "map: nothing written for an invalid policy" || fail "map: wrote for an invalid policy"
expect 2 "map: truncated binary" $P policy map "$dir/trunc.bin" -o "$dir/keep.svg"
expect 2 "map: no -o" $P policy map "$F"
expect 2 "map: -o without a name" $P policy map "$F" -o
expect 2 "map: unknown option" $P policy map "$F" --frobnicate -o "$dir/keep.svg"
expect 1 "map: unwritable directory" $P policy map "$F" -o "$dir/no/such/dir.svg"
[ "$(cat "$dir/keep.svg")" = old ] && pass "map: existing output kept on failures" || fail "map: existing output changed"
if ls "$dir" | grep -q '\.tmp\.'; then fail "map: a temporary file left"; else pass "map: no temporary left"; fi
expect 0 "map --help" $P policy map --help

# The pictures in docs/ are what map draws today (regenerate: docs/policy-diff-map.md).
cmp -s "$dir/fixture.svg" docs/img/policy-map-fixture.svg && pass "map: docs/img/policy-map-fixture.svg is current" ||
	fail "map: docs/img/policy-map-fixture.svg is stale"
cmp -s "$dir/four.svg" docs/img/policy-map-four.svg && pass "map: docs/img/policy-map-four.svg is current" ||
	fail "map: docs/img/policy-map-four.svg is stale"

if [ "$fails" -ne 0 ]; then
	echo "policy-view: $fails failed"
	exit 1
fi
echo "policy-view: all passed"

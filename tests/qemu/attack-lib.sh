# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers for the attack tests (tests/qemu/cases/attack-*-uefi.sh,
# docs/testing.md "Attack tests"): the default appliance's three
# partitions plus a fourth, `probe`, running one of the attack guests
# (guest/probe-*.c, docs/guest-kit.md), each in its own QEMU test, while the
# others keep printing heartbeats. Source after tests/qemu/lib.sh and
# tests/qemu/measure-lib.sh. Trust: everything here is test data made in
# $T_TMP from the built files; the policy is signed with the development
# policy key (keys/dev/policy.pem), which the built hypervisor trusts.
#
#   attack_image OUT MODE [CPU_LINE]
#       a private copy of build/parapet.img whose policy is
#       policy/appliance.pol plus partition `probe` (id 4, 16 MiB of RAM at
#       gpa 0, the console capability and nothing else, its image
#       build/guest/probe-MODE.bin at 1 MiB, entry 0x100040) on CPU_LINE
#       (default `cpu 3 exclusive`; e.g. `cpu 3 shared slice-us 2000
#       period-us 10000` for a time-shared core), compiled, signed with
#       keys/dev/policy.pem and written into both policy slots; the image
#       in /boot/parapet/pd-probe.bin; grub.cfg's default entry with one
#       more module line, `module2 /boot/parapet/pd-probe.bin pd probe`.
#       Adds probe to T_PARTS (lib.sh) and computes what the boot must
#       measure: $T_TMP/attack-ref.json (attack_expect_ref).
#       ATTACK_PROBE_BIN=FILE uses FILE as the probe's image instead (a
#       check of these helpers with build/guest/probe.bin).
#   attack_expect_ref
#       PCR 17-19 on the console equal $T_TMP/attack-ref.json (refgen over
#       the private grub.cfg, policy and probe image) in every bank.
#   attack_wait_after AFTER REGEX N [SECONDS]
#       wait until N console lines matching the extended REGEX follow the
#       first line containing AFTER (fixed text); fails the test on a
#       timeout (default T_TIMEOUT), a PANIC/EXCEPTION line or QEMU's exit.
#   attack_expect_heartbeats NAME N AFTER [SECONDS]
#       N more heartbeats of partition NAME (its lines are prefixed `NAME: `)
#       after the first line containing AFTER, numbered consecutively (the
#       partition neither restarted nor lost one).
#   attack_expect_running NAME...
#       each partition was started on its own core: `partition NAME:
#       running on cpu C` with C its policy CPU (from T_PARTS).
#   attack_expect_same_rate AFTER
#       the heartbeats after AFTER show the default partitions at their own
#       rates, by the guests' own clocks (not the host's, which the other
#       jobs on the machine distort): work-a and work-b (one every 500 ms)
#       within 2 of each other, service (one every 1000 ms) within 2 of
#       half of work-a's. A partition starved of its core falls behind.
#   attack_expect_others_alive AFTER N
#       service, work-a and work-b each print N more heartbeats after AFTER
#       (consecutive), work-a and work-b each receive N more messages over
#       channel ab, at the same rates (attack_expect_same_rate), and none
#       of them stopped.
# ATTACK_CAPS: one more capability line for the probe (e.g. `capability
# control work-b`); unset: the console capability only.
# ATTACK_BOOT, ATTACK_ENTRY: the probe's `boot` and `entry` (unset: long64
# and 0x100040; real16-uefi: real16 and 0x0).
# ATTACK_BASE_SED: a sed script applied to policy/appliance.pol before the
# probe is added (e.g. to make work-b's core a time-shared one the probe
# joins); unset: the policy as shipped.

ATTACK_KEY=keys/dev/policy.pem

# attack_image_put OUT BIN WHAT: $T_TMP/attack.pol (written by the caller)
# compiled and signed into both slots of a copy of build/parapet.img at
# OUT, BIN as /boot/parapet/pd-probe.bin with its module line in the
# default entry, and the references that image predicts
# ($T_TMP/attack-ref.json). WHAT names the policy in a failure.
attack_image_put() {
	local out=$1 bin=$2 what=$3
	if ! build/bin/parapet policy compile "$T_TMP/attack.pol" -o "$T_TMP/attack.bin" \
		>"$T_TMP/attack-policy.log" 2>&1 ||
		! build/bin/parapet policy sign "$T_TMP/attack.bin" --key "$ATTACK_KEY" \
			-o "$T_TMP/attack.sbin" >>"$T_TMP/attack-policy.log" 2>&1; then
		t_fail "cannot build the $what policy: $(tail -n1 "$T_TMP/attack-policy.log")"
	fi
	# the probe's module after the others, in the default entry only
	sed -e '/--id parapet {/,/^}/ s|^\tmodule2 /boot/parapet/pd-work-b.bin pd work-b$|&\n\tmodule2 /boot/parapet/pd-probe.bin pd probe|' \
		image/grub.cfg >"$T_TMP/attack-grub.cfg"
	[ "$(grep -c 'pd-probe.bin pd probe$' "$T_TMP/attack-grub.cfg")" = 1 ] ||
		t_fail "could not add the probe's module line to grub.cfg"
	m_image_with_entry "$out" parapet
	m_slot_put "$out" a "$T_TMP/attack.sbin"
	m_slot_put "$out" b "$T_TMP/attack.sbin"
	m_image_put "$out" pd-probe.bin "$bin"
	m_image_cfg "$out" "$T_TMP/attack-grub.cfg"
	m_refgen "$T_TMP/attack-grub.cfg" "$T_TMP/attack-ref.json" \
		"(\$pp_slot_a)/policy-a.bin=$T_TMP/attack.sbin" \
		"(\$pp_slot_b)/policy-b.bin=$T_TMP/attack.sbin" \
		"/boot/parapet/pd-probe.bin=$bin" "--verdict=enforced: slot a"
}

attack_image() {
	local out=$1 mode=$2 cpu_line=${3:-cpu 3 exclusive} bin cpu
	bin=${ATTACK_PROBE_BIN:-build/guest/probe-$mode.bin}
	[ -f "$bin" ] || t_fail "$bin missing (make guests)"
	[ -x build/bin/parapet ] || t_fail "build/bin/parapet missing (make all)"
	[ -f "$ATTACK_KEY" ] || t_fail "$ATTACK_KEY missing (make keys)"
	[[ "$cpu_line" =~ ^cpu\ ([0-9]+)\ (exclusive|shared\ .*)$ ]] ||
		t_fail "attack_image: '$cpu_line' is not a policy cpu line"
	cpu=${BASH_REMATCH[1]}
	{
		sed -e "${ATTACK_BASE_SED:-}" policy/appliance.pol
		cat <<EOF

# The attack test's partition (tests/qemu/attack-lib.sh): guest probe-$mode.
partition probe {
    id 4
    image "pd-probe.bin"
    entry ${ATTACK_ENTRY:-0x100040}
    boot ${ATTACK_BOOT:-long64}
    cache-mask none

    ram gpa 0x0 hpa any size 16M perm rwx dma no
    $cpu_line

    capability console${ATTACK_CAPS:+
    $ATTACK_CAPS}
}
EOF
	} >"$T_TMP/attack.pol"
	attack_image_put "$out" "$bin" attack
	local ncaps=1
	[ -z "${ATTACK_CAPS:-}" ] || ncaps=2
	if [ -n "${ATTACK_ENTRY:-}" ]; then # the flat rule with RAM at 0: its 1 MiB boundary
		T_PARTS+=("probe:$cpu:$ncaps:$(printf '0x%x' $((ATTACK_ENTRY & ~0xfffff))):$ATTACK_ENTRY")
	else
		T_PARTS+=("probe:$cpu:$ncaps")
	fi
}

attack_expect_ref() {
	m_expect_ref "$T_TMP/attack-ref.json"
}

# Prints how many lines matching REGEX follow the first line containing
# AFTER in the console, or -1 if no line contains AFTER yet.
attack_count_after() {
	t_console
	awk -v after="$1" -v re="$2" '
		!seen && index($0, after) { seen = 1; next }
		seen && $0 ~ re { n++ }
		END { print seen ? n + 0 : -1 }' "$T_CONSOLE"
}

attack_wait_after() {
	local after=$1 re=$2 n=$3 limit=${4:-$T_TIMEOUT} deadline got
	deadline=$((SECONDS + limit))
	while :; do
		got=$(attack_count_after "$after" "$re")
		[ "$got" -ge "$n" ] && return 0
		if grep -qE '(PANIC|EXCEPTION): ' "$T_CONSOLE"; then
			t_fail "failure on the console while waiting for $n lines /$re/ after '$after': $(grep -m1 -E '(PANIC|EXCEPTION): ' "$T_CONSOLE")"
		fi
		kill -0 "$T_QEMU_PID" 2>/dev/null || t_fail "QEMU exited before $n lines /$re/ after '$after'"
		if [ $SECONDS -ge $deadline ]; then
			[ "$got" -lt 0 ] && t_fail "timeout (${limit}s): no line '$after'"
			t_fail "timeout (${limit}s): $got of $n lines /$re/ after '$after'"
		fi
		sleep 0.2
	done
}

attack_expect_heartbeats() {
	local name=$1 n=$2 after=$3 limit=${4:-$T_TIMEOUT} nums prev='' i
	attack_wait_after "$after" "^$name: heartbeat [0-9]+( |\$)" "$n" "$limit"
	nums=$(awk -v after="$after" -v re="^$name: heartbeat [0-9]+( |\$)" '
		!seen && index($0, after) { seen = 1; next }
		seen && $0 ~ re { print $3 }' "$T_CONSOLE")
	for i in $nums; do
		if [ -n "$prev" ] && [ "$i" != $((prev + 1)) ]; then
			t_fail "$name: heartbeat $i follows heartbeat $prev after '$after' (restarted or lost)"
		fi
		prev=$i
	done
}

attack_expect_running() {
	local name ent pname cpu want
	for name in "$@"; do
		want=''
		for ent in "${T_PARTS[@]}"; do
			IFS=: read -r pname cpu _ <<<"$ent"
			[ "$pname" = "$name" ] && want=$cpu
		done
		[ -n "$want" ] || t_fail "attack_expect_running: no partition $name in T_PARTS"
		t_expect_line "partition $name: running on cpu $want"
	done
}

attack_expect_same_rate() {
	local after=$1 a b s
	# Heartbeat 0 is printed when a partition starts, not on its period: a
	# partition that starts after the marker would count one beat more, so
	# only beats 1, 2, ... measure the rate.
	a=$(attack_count_after "$after" '^work-a: heartbeat [1-9][0-9]* ')
	b=$(attack_count_after "$after" '^work-b: heartbeat [1-9][0-9]* ')
	s=$(attack_count_after "$after" '^service: heartbeat [1-9][0-9]* ')
	[ "$a" -ge 0 ] || t_fail "no line '$after'"
	if [ $((a - b)) -gt 2 ] || [ $((b - a)) -gt 2 ]; then
		t_fail "after '$after': work-a $a heartbeats, work-b $b (the same 500 ms period)"
	fi
	if [ $((a - 2 * s)) -gt 4 ] || [ $((2 * s - a)) -gt 4 ]; then
		t_fail "after '$after': work-a $a heartbeats (500 ms), service $s (1000 ms)"
	fi
}

attack_expect_others_alive() {
	local after=$1 n=$2 name
	for name in service work-a work-b; do
		attack_expect_heartbeats "$name" "$n" "$after"
	done
	attack_wait_after "$after" '^work-a: received #[0-9]+ from work-b$' "$n"
	attack_wait_after "$after" '^work-b: received #[0-9]+ from work-a$' "$n"
	attack_expect_same_rate "$after"
	t_expect_absent "partition service: stopped"
	t_expect_absent "partition work-a: stopped"
	t_expect_absent "partition work-b: stopped"
}

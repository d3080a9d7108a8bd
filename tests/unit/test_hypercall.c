// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypercall dispatch (hypervisor/core/hypercall.c, docs/hypercalls.md):
 * each call with and without its capability, buffers inside and outside
 * the caller's memory, unknown numbers; a refusal is a status and a count,
 * never a console line or a read outside the caller.
 */
#include <string.h>
#include <parapet/policy.h>
#include "hypervisor/core/hypercall.h"
#include "policy_fixture.h"
#include "unit.h"

static struct pp_policy pol;
static struct hv_cap_table tab;
static char mem[0x2000]; /* the caller's memory: gpa [0x1000, 0x3000) */
static char printed[512];
static u32 nprinted, nreads;

static int rd(void *ctx, u64 gpa, void *out, u32 len)
{
	(void)ctx;
	nreads++;
	if (gpa < 0x1000 || gpa > 0x3000 || len > 0x3000 - gpa)
		return -1;
	memcpy(out, mem + (gpa - 0x1000), len);
	return 0;
}

static void con(void *ctx, const char *s, u32 len)
{
	(void)ctx;
	memcpy(printed, s, len);
	printed[len] = 0;
	nprinted++;
}

static u64 mapped_gpa;
static long map_log(void *ctx, u64 which, u64 gpa, u64 *len)
{
	(void)ctx;
	if (which != PP_HC_LOG_DRTM)
		return PP_HC_ENOTSUP;
	mapped_gpa = gpa;
	*len = 1234;
	return PP_HC_OK;
}

static struct hv_hc_env env = {.caps = &tab, .read = rd, .console = con};

static long call(u64 nr, u64 b, u64 c, u64 d, struct hv_hc_regs *out)
{
	struct hv_hc_regs r = {nr, b, c, d, 0x5151, 0xd1d1};
	hv_hypercall(&env, &r);
	CHECK(r.rsi == 0x5151 && r.rdi == 0xd1d1);
	if (out)
		*out = r;
	return (long)r.rax;
}

static void setup(u32 part)
{
	struct pp_err e = {0, ""};
	policy_fixture(&pol);
	REQUIRE(hv_cap_build(&pol, part, &tab, &e) == PP_OK);
	env.calls = env.refused = 0;
	nprinted = nreads = 0;
}

TEST(hypercall_info_calls)
{
	struct hv_hc_regs r;
	setup(1); /* tpm, console, eventlog-read, channel ctl */
	CHECK_EQ(call(PP_HC_VERSION, 0, 0, 0, &r), PP_HC_OK);
	CHECK_EQ(r.rbx, PP_HC_ABI_VERSION);
	CHECK_EQ(call(PP_HC_PART_INFO, 0, 0, 0, &r), PP_HC_OK);
	CHECK(r.rbx == 1 && r.rcx == 4);
	CHECK_EQ(call(PP_HC_CAP_INFO, 3, 0, 0, &r), PP_HC_OK);
	CHECK(r.rbx == PP_HC_CAP_CHANNEL && r.rcx == 2);
	CHECK_EQ(r.rdx, PP_HC_RIGHT_READ | PP_HC_RIGHT_WRITE | PP_HC_RIGHT_SIGNAL);
	CHECK_EQ(call(PP_HC_CAP_INFO, 4, 0, 0, NULL), PP_HC_EPERM);
	CHECK_EQ(call(0x7777, 0, 0, 0, NULL), PP_HC_ENOSYS);
	CHECK_EQ(env.calls, 5);
	CHECK_EQ(env.refused, 2);
}

TEST(hypercall_console_write)
{
	static const char line[] = "hi\tthere\x80", lines[] = "a\nb\n";
	setup(1);
	memcpy(mem + 0x10, line, sizeof(line) - 1);
	CHECK_EQ(call(PP_HC_CONSOLE_WRITE, 1, 0x1010, 9, NULL), PP_HC_OK);
	CHECK(nprinted == 1 && !strcmp(printed, "hi?there?"));
	/* a trailing newline ends the line; an embedded one is a '?' */
	memcpy(mem + 0x20, lines, sizeof(lines) - 1);
	CHECK_EQ(call(PP_HC_CONSOLE_WRITE, 1, 0x1020, 4, NULL), PP_HC_OK);
	CHECK(nprinted == 2 && !strcmp(printed, "a?b"));
	/* the tpm selector is not a console capability */
	CHECK_EQ(call(PP_HC_CONSOLE_WRITE, 0, 0x1010, 9, NULL), PP_HC_EPERM);
	/* outside the caller's memory, straddling its end, zero and too long */
	CHECK_EQ(call(PP_HC_CONSOLE_WRITE, 1, 0x0ff0, 8, NULL), PP_HC_EFAULT);
	CHECK_EQ(call(PP_HC_CONSOLE_WRITE, 1, 0x2ffc, 8, NULL), PP_HC_EFAULT);
	CHECK_EQ(call(PP_HC_CONSOLE_WRITE, 1, ~0ull - 2, 8, NULL), PP_HC_EFAULT);
	CHECK_EQ(call(PP_HC_CONSOLE_WRITE, 1, 0x1010, 0, NULL), PP_HC_EINVAL);
	CHECK_EQ(call(PP_HC_CONSOLE_WRITE, 1, 0x1010, PP_HC_CONSOLE_MAX + 1, NULL), PP_HC_EINVAL);
	CHECK_EQ(nprinted, 2);
	CHECK_EQ(env.refused, 6);
}

TEST(hypercall_capability_first)
{
	setup(2); /* console, the read-only end of ctl (signal allowed) */
	/* no eventlog-read, no control: EPERM, and no memory touched */
	CHECK_EQ(call(PP_HC_LOG_MAP, 0, PP_HC_LOG_DRTM, 0x1000, NULL), PP_HC_EPERM);
	CHECK_EQ(call(PP_HC_PART_STOP, 0, 0, 0, NULL), PP_HC_EPERM);
	CHECK_EQ(call(PP_HC_LOG_MAP, 0, 9, 0x1000, NULL), PP_HC_EINVAL);
	/* a channel end it holds: allowed, not yet served in this build */
	CHECK_EQ(call(PP_HC_CHAN_SIGNAL, 1, 0, 0, NULL), PP_HC_ENOTSUP);
	CHECK_EQ(call(PP_HC_CHAN_SIGNAL, 0, 0, 0, NULL), PP_HC_EPERM);
	CHECK_EQ(nreads, 0);
	setup(1);
	CHECK_EQ(call(PP_HC_LOG_MAP, 2, PP_HC_LOG_DRTM, 0x1000, NULL), PP_HC_ENOTSUP);
	CHECK_EQ(call(PP_HC_LOG_MAP, 2, PP_HC_LOG_FAULT, 0x1000, NULL), PP_HC_EPERM);
}

TEST(hypercall_log_map)
{
	struct hv_hc_regs r;
	setup(1); /* eventlog-read is selector 2 */
	env.map_log = map_log;
	mapped_gpa = 0;
	CHECK_EQ(call(PP_HC_LOG_MAP, 2, PP_HC_LOG_DRTM, 0x2000000, &r), PP_HC_OK);
	CHECK(r.rbx == 1234 && mapped_gpa == 0x2000000);
	/* not page-aligned; the console selector; a log the hook refuses */
	CHECK_EQ(call(PP_HC_LOG_MAP, 2, PP_HC_LOG_DRTM, 0x2000800, NULL), PP_HC_EINVAL);
	CHECK_EQ(call(PP_HC_LOG_MAP, 1, PP_HC_LOG_DRTM, 0x3000000, NULL), PP_HC_EPERM);
	CHECK_EQ(call(PP_HC_LOG_MAP, 2, PP_HC_LOG_FIRMWARE, 0x3000000, NULL), PP_HC_ENOTSUP);
	CHECK_EQ(mapped_gpa, 0x2000000);
	CHECK_EQ(env.refused, 3);
	env.map_log = NULL;
}

static u32 hook_target, hook_index;
static u64 hook_op;
static long ctl_hook(void *ctx, u32 target, u64 op)
{
	(void)ctx;
	hook_target = target;
	hook_op = op;
	return target == 2 ? PP_HC_OK : PP_HC_ESTATE;
}

static long sig_hook(void *ctx, u32 peer, u32 index)
{
	(void)ctx;
	hook_target = peer;
	hook_index = index;
	return PP_HC_OK;
}

TEST(hypercall_control_and_signal_hooks)
{
	struct pp_err e = {0, ""};
	policy_fixture(&pol);
	/* service (1) controls app (2): sorted by type, so after eventlog-read */
	pol.caps[pol.n_caps++] =
	    (struct pp_pol_cap_ent){.part = 1, .cap = PP_POL_CAP_CONTROL, .target = 2};
	REQUIRE(hv_cap_build(&pol, 1, &tab, &e) == PP_OK);
	env.calls = env.refused = 0;
	env.control = ctl_hook;
	env.signal = sig_hook;
	u64 ctl = tab.n, chan = tab.n;
	for (u32 i = 0; i < tab.n; i++) {
		if (tab.cap[i].type == PP_HC_CAP_CONTROL)
			ctl = i;
		if (tab.cap[i].type == PP_HC_CAP_CHANNEL)
			chan = i;
	}
	REQUIRE(ctl < tab.n && chan < tab.n);
	hook_target = 0;
	CHECK_EQ(call(PP_HC_PART_STOP, ctl, 0, 0, NULL), PP_HC_OK);
	CHECK(hook_target == 2 && hook_op == PP_HC_PART_STOP);
	CHECK_EQ(call(PP_HC_PART_RESTART, ctl, 0, 0, NULL), PP_HC_OK);
	CHECK_EQ(hook_op, PP_HC_PART_RESTART);
	/* the channel selector is not a control capability: the hook is not called */
	hook_target = 0;
	CHECK_EQ(call(PP_HC_PART_STOP, chan, 0, 0, NULL), PP_HC_EPERM);
	CHECK_EQ(call(PP_HC_PART_STOP, 999, 0, 0, NULL), PP_HC_EPERM);
	CHECK_EQ(hook_target, 0);
	CHECK_EQ(call(PP_HC_CHAN_SIGNAL, chan, 0, 0, NULL), PP_HC_OK);
	CHECK(hook_target == 2 && hook_index == 0);
	hook_target = 0;
	CHECK_EQ(call(PP_HC_CHAN_SIGNAL, ctl, 0, 0, NULL), PP_HC_EPERM);
	CHECK_EQ(hook_target, 0);
	CHECK_EQ(env.refused, 3);
	env.control = NULL;
	env.signal = NULL;
}

static long dev_hook(void *ctx, u64 index, u64 bar, u64 *bdf, u64 *base, u64 *size)
{
	(void)ctx;
	if (index >= 1 || bar > 5)
		return PP_HC_EINVAL;
	*bdf = 0x0020;
	*base = bar == 0 ? 0xfea00000u : 0;
	*size = bar == 0 ? 0x100000u : 0;
	return PP_HC_OK;
}

TEST(hypercall_dev_info)
{
	struct hv_hc_regs r;
	setup(1);
	/* no hook: not supported in this build */
	CHECK_EQ(call(PP_HC_DEV_INFO, 0, 0, 0, NULL), PP_HC_ENOTSUP);
	env.dev_info = dev_hook;
	CHECK_EQ(call(PP_HC_DEV_INFO, 0, 0, 0, &r), PP_HC_OK);
	CHECK(r.rbx == 0x20 && r.rcx == 0xfea00000u && r.rdx == 0x100000u);
	CHECK_EQ(call(PP_HC_DEV_INFO, 0, 1, 0, &r), PP_HC_OK);
	CHECK(r.rcx == 0 && r.rdx == 0);
	/* a device it does not have, a BAR past 5: refused, registers kept */
	CHECK_EQ(call(PP_HC_DEV_INFO, 1, 0, 0, &r), PP_HC_EINVAL);
	CHECK(r.rbx == 1 && r.rcx == 0);
	CHECK_EQ(call(PP_HC_DEV_INFO, 0, 6, 0, NULL), PP_HC_EINVAL);
	CHECK_EQ(env.refused, 3);
	env.dev_info = NULL;
}

static u32 irq_calls;
static u64 irq_index;
static u32 irq_vector;
static bool irq_on;

static long irq_hook(void *ctx, u64 index, u32 vector, bool on)
{
	(void)ctx;
	irq_calls++;
	irq_index = index;
	irq_vector = vector;
	irq_on = on;
	return index >= 1 ? PP_HC_EINVAL : PP_HC_OK;
}

TEST(hypercall_dev_irq)
{
	setup(1);
	irq_calls = 0;
	CHECK_EQ(call(PP_HC_DEV_IRQ, 0, 0x60, 1, NULL), PP_HC_ENOTSUP);
	env.dev_irq = irq_hook;
	CHECK_EQ(call(PP_HC_DEV_IRQ, 0, 0x60, 1, NULL), PP_HC_OK);
	CHECK(irq_calls == 1 && irq_index == 0 && irq_vector == 0x60 && irq_on);
	CHECK_EQ(call(PP_HC_DEV_IRQ, 0, PP_HC_IRQ_VECTOR_MIN, 1, NULL), PP_HC_OK);
	CHECK_EQ(call(PP_HC_DEV_IRQ, 0, PP_HC_IRQ_VECTOR_MAX, 1, NULL), PP_HC_OK);
	/* off: the vector is not looked at */
	CHECK_EQ(call(PP_HC_DEV_IRQ, 0, 0x3, 0, NULL), PP_HC_OK);
	CHECK(irq_calls == 4 && !irq_on && irq_vector == 0);
	/* refused before the hook: below and above the range, the channel
	 * signal's vector, an exception vector, a third RDX value */
	const u32 before = irq_calls;
	CHECK_EQ(call(PP_HC_DEV_IRQ, 0, PP_HC_IRQ_VECTOR_MIN - 1, 1, NULL), PP_HC_EINVAL);
	CHECK_EQ(call(PP_HC_DEV_IRQ, 0, PP_HC_IRQ_VECTOR_MAX + 1, 1, NULL), PP_HC_EINVAL);
	CHECK_EQ(call(PP_HC_DEV_IRQ, 0, PP_HC_SIGNAL_VECTOR, 1, NULL), PP_HC_EINVAL);
	CHECK_EQ(call(PP_HC_DEV_IRQ, 0, 13, 1, NULL), PP_HC_EINVAL);
	CHECK_EQ(call(PP_HC_DEV_IRQ, 0, 0x60, 2, NULL), PP_HC_EINVAL);
	CHECK_EQ(call(PP_HC_DEV_IRQ, 0, 0x100000060ull, 1, NULL), PP_HC_EINVAL);
	CHECK_EQ(irq_calls, before);
	/* a device it does not own: the hook's answer */
	CHECK_EQ(call(PP_HC_DEV_IRQ, 1, 0x60, 1, NULL), PP_HC_EINVAL);
	CHECK_EQ(env.refused, 8);
	env.dev_irq = NULL;
}

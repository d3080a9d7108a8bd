// SPDX-License-Identifier: GPL-2.0-only
/* The hypercall dispatch (hypercall.h, docs/hypercalls.md). */
#include <parapet/string.h>
#include "hypercall.h"

static long console_write(struct hv_hc_env *env, const struct hv_hc_regs *r)
{
	long st;
	char buf[PP_HC_CONSOLE_MAX];
	if (!hv_cap_check(env->caps, r->rbx, PP_HC_CAP_CONSOLE, PP_HC_RIGHT_USE, &st))
		return st;
	if (!r->rdx || r->rdx > PP_HC_CONSOLE_MAX)
		return PP_HC_EINVAL;
	if (env->read(env->ctx, r->rcx, buf, (u32)r->rdx))
		return PP_HC_EFAULT;
	/* the console is ours: one line, printable ASCII only (a trailing
	 * newline ends the line; any other control byte prints as '?') */
	u32 n = (u32)r->rdx;
	if (buf[n - 1] == '\n')
		n--;
	for (u32 i = 0; i < n; i++)
		if (buf[i] < 0x20 || buf[i] > 0x7e)
			buf[i] = '?';
	env->console(env->ctx, buf, n);
	return PP_HC_OK;
}

/* The capability first: a caller without it learns nothing more than
 * PP_HC_EPERM; then the runtime's hook, or "not in this build". */
static long control(struct hv_hc_env *env, const struct hv_hc_regs *r)
{
	long st;
	const struct hv_cap *c =
	    hv_cap_check(env->caps, r->rbx, PP_HC_CAP_CONTROL, PP_HC_RIGHT_USE, &st);
	if (!c)
		return st;
	return env->control ? env->control(env->ctx, c->target, r->rax) : PP_HC_ENOTSUP;
}

static long signal(struct hv_hc_env *env, const struct hv_hc_regs *r)
{
	long st;
	const struct hv_cap *c =
	    hv_cap_check(env->caps, r->rbx, PP_HC_CAP_CHANNEL, PP_HC_RIGHT_SIGNAL, &st);
	if (!c)
		return st;
	return env->signal ? env->signal(env->ctx, c->target, c->index) : PP_HC_ENOTSUP;
}

/* The caller's own devices: no capability (docs/hypercalls.md). */
static long dev_info(struct hv_hc_env *env, struct hv_hc_regs *r)
{
	u64 bdf = 0, base = 0, size = 0;
	if (!env->dev_info)
		return PP_HC_ENOTSUP;
	long st = env->dev_info(env->ctx, r->rbx, r->rcx, &bdf, &base, &size);
	if (st == PP_HC_OK) {
		r->rbx = bdf;
		r->rcx = base;
		r->rdx = size;
	}
	return st;
}

_Static_assert(
    PP_HC_SIGNAL_VECTOR<PP_HC_IRQ_VECTOR_MIN || PP_HC_SIGNAL_VECTOR> PP_HC_IRQ_VECTOR_MAX,
    "a device's vector can never be the channel signal's");
_Static_assert(PP_HC_IRQ_VECTOR_MIN >= 32, "never an exception vector");

/* The caller's own device's MSI: no capability (docs/hypercalls.md). */
static long dev_irq(struct hv_hc_env *env, struct hv_hc_regs *r)
{
	if (r->rdx > 1)
		return PP_HC_EINVAL;
	if (r->rdx == 1 && (r->rcx < PP_HC_IRQ_VECTOR_MIN || r->rcx > PP_HC_IRQ_VECTOR_MAX))
		return PP_HC_EINVAL;
	if (!env->dev_irq)
		return PP_HC_ENOTSUP;
	return env->dev_irq(env->ctx, r->rbx, (u32)(r->rdx ? r->rcx : 0), r->rdx == 1);
}

static long log_map(struct hv_hc_env *env, struct hv_hc_regs *r)
{
	u32 type;
	long st;
	u64 len = 0;
	if (r->rcx == PP_HC_LOG_DRTM || r->rcx == PP_HC_LOG_FIRMWARE || r->rcx == PP_HC_LOG_POLICY)
		type = PP_HC_CAP_EVENTLOG_READ;
	else if (r->rcx == PP_HC_LOG_FAULT || r->rcx == PP_HC_LOG_FAULT_SUMMARY)
		type = PP_HC_CAP_FAULTLOG_READ;
	else
		return PP_HC_EINVAL;
	if (!hv_cap_check(env->caps, r->rbx, type, PP_HC_RIGHT_USE, &st))
		return st;
	if (!env->map_log)
		return PP_HC_ENOTSUP;
	if (r->rdx & (PP_PAGE_SIZE - 1))
		return PP_HC_EINVAL;
	st = env->map_log(env->ctx, r->rcx, r->rdx, &len);
	if (st == PP_HC_OK)
		r->rbx = len;
	return st;
}

void hv_hypercall(struct hv_hc_env *env, struct hv_hc_regs *r)
{
	long st = PP_HC_OK;
	const struct hv_cap *c;
	env->calls++;
	switch (r->rax) {
	case PP_HC_VERSION: r->rbx = PP_HC_ABI_VERSION; break;
	case PP_HC_PART_INFO:
		r->rbx = env->caps->part;
		r->rcx = env->caps->n;
		break;
	case PP_HC_CAP_INFO:
		if (r->rbx >= env->caps->n) {
			st = PP_HC_EPERM;
			break;
		}
		c = &env->caps->cap[r->rbx];
		r->rbx = c->type;
		r->rcx = c->target;
		r->rdx = c->rights;
		break;
	case PP_HC_DEV_INFO: st = dev_info(env, r); break;
	case PP_HC_DEV_IRQ: st = dev_irq(env, r); break;
	case PP_HC_CONSOLE_WRITE: st = console_write(env, r); break;
	case PP_HC_LOG_MAP: st = log_map(env, r); break;
	case PP_HC_PART_STOP:
	case PP_HC_PART_RESTART: st = control(env, r); break;
	case PP_HC_CHAN_SIGNAL: st = signal(env, r); break;
	default: st = PP_HC_ENOSYS; break;
	}
	if (st != PP_HC_OK)
		env->refused++;
	r->rax = (u64)st;
}

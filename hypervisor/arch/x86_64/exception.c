// SPDX-License-Identifier: GPL-2.0-only
/* Exception report in the docs/console.md format, then this CPU stops. */
#include <parapet/x86.h>
#include "hypervisor/core/console.h"
#include "exception.h"
#include "percpu.h"

const char *exc_name(u64 vector)
{
	static const char *const names[32] = {
	    "#DE",    "#DB",	"#NMI",	  "#BP",    "#OF", "#BR", "#UD",    "#NM",
	    "#DF",    "#CSO",	"#TS",	  "#NP",    "#SS", "#GP", "#PF",    "#RES15",
	    "#MF",    "#AC",	"#MC",	  "#XM",    "#VE", "#CP", "#RES22", "#RES23",
	    "#RES24", "#RES25", "#RES26", "#RES27", "#HV", "#VC", "#SX",    "#RES31",
	};
	return vector < 32 ? names[vector] : "#INTR";
}

void exc_dispatch(struct exc_frame *f)
{
	u32 cpu = this_cpu_index();
	console_lock_exception();
	console_printf_locked("EXCEPTION: cpu %u vector %llu (%s) error 0x%016llx\n", cpu,
			      (unsigned long long)f->vector, exc_name(f->vector),
			      (unsigned long long)f->error);
	console_printf_locked("EXCEPTION: rip 0x%016llx cs 0x%llx rflags 0x%016llx rsp 0x%016llx "
			      "ss 0x%llx\n",
			      (unsigned long long)f->rip, (unsigned long long)f->cs,
			      (unsigned long long)f->rflags, (unsigned long long)f->rsp,
			      (unsigned long long)f->ss);
	console_printf_locked("EXCEPTION: cr2 0x%016llx cr3 0x%016llx cr4 0x%016llx\n",
			      (unsigned long long)read_cr2(), (unsigned long long)read_cr3(),
			      (unsigned long long)read_cr4());
	const struct {
		const char *name;
		u64 v;
	} r[15] = {
	    {"rax", f->rax}, {"rbx", f->rbx}, {"rcx", f->rcx}, {"rdx", f->rdx}, {"rsi", f->rsi},
	    {"rdi", f->rdi}, {"rbp", f->rbp}, {"r8", f->r8},   {"r9", f->r9},	{"r10", f->r10},
	    {"r11", f->r11}, {"r12", f->r12}, {"r13", f->r13}, {"r14", f->r14}, {"r15", f->r15},
	};
	for (unsigned i = 0; i < 15; i += 3)
		console_printf_locked("EXCEPTION: %s 0x%016llx %s 0x%016llx %s 0x%016llx\n",
				      r[i].name, (unsigned long long)r[i].v, r[i + 1].name,
				      (unsigned long long)r[i + 1].v, r[i + 2].name,
				      (unsigned long long)r[i + 2].v);
	console_printf_locked("EXCEPTION: cpu %u stopped\n", cpu);
	console_unlock();
	cpu_halt_forever();
}

/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef PARAPET_LAUNCH_IDT_H
#define PARAPET_LAUNCH_IDT_H

/* Load launch's exception-only IDT (vectors 0-31 report and halt). */
void launch_idt_install(void);

#endif

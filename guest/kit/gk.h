/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest kit (docs/guest-kit.md): everything a program needs. A program
 * defines `int main(void)`; crt0.S calls it with a stack and zeroed .bss
 * and halts when it returns.
 */
#ifndef GUEST_KIT_GK_H
#define GUEST_KIT_GK_H

#include "cap.h"
#include "chan.h"
#include "console.h"
#include "exc.h"
#include "fmt.h"
#include "hc.h"
#include "idt.h"
#include "image.h"
#include "ring.h"
#include "tsc.h"

int main(void);

#endif

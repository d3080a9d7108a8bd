/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The secure loader's linker script, run through the C preprocessor twice
 * (launch/sl/sources.mk): build/sl/sl.ld for the SKINIT secure loader
 * (sl.bin) and, with SL_TXT, build/mle/mle.ld for the Intel TXT MLE
 * (mle.bin). Addresses: common/include/parapet/sl_params.h (keep these
 * numbers equal; the C side asserts them).
 *
 * sl.bin = objcopy -O binary of the measured part: the SLB header (entry
 * offset, measured length), code, constants, linked at the SLB (SKINIT
 * measures it there). mle.bin = the MLE header (MLE Developer's Guide 2.1,
 * Table 1; launch/drtm/txt_mle.h), code, constants, linked at SL_MLE_BASE
 * (SINIT measures it there through the MLE page table). In both, nothing
 * measured is written at run time (.data must stay empty: all writable
 * state is .bss in the scratch area).
 */
OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
#ifdef SL_TXT
ENTRY(sl_entry_txt32)
#else
ENTRY(sl_entry32)
#endif

PHDRS
{
	slb PT_LOAD FLAGS(5);	  /* R X: measured */
	scratch PT_LOAD FLAGS(6); /* R W: not measured */
}

SECTIONS
{
#ifdef SL_TXT
	. = 0x440000;		/* SL_MLE_BASE */
	__sl_start = .;
	/*
	 * MLE header version 2.2, 0x34 bytes; addresses are linear in the
	 * MLE's own space (0 = the MLE's first byte). Capabilities 0x207:
	 * RLP wakeup by GETSEC[WAKEUP] (bit 0) and by MONITOR (bit 1), ECX =
	 * page table at the entry (bit 2), TCG event-log format (bit 9).
	 */
	.mle_header : {
		LONG(0x9082ac5a) LONG(0x74a7476f) LONG(0xa2555c0f) LONG(0x42b651cb)
		LONG(0x34)			/* HeaderLen */
		LONG(0x00020002)		/* Version 2.2 */
		LONG(sl_entry_txt32 - __sl_start) /* EntryPoint */
		LONG(0)				/* FirstValidPage */
		LONG(0)				/* MleStart */
		LONG(__sl_end - __sl_start)	/* MleEnd */
		LONG(0x207)			/* Capabilities */
		LONG(0) LONG(0)			/* no command line */
	} :slb
#else
	. = 0x400000;		/* SL_SLB_BASE */
	__sl_start = .;
	.slb_header : {
		SHORT(sl_entry32 - __sl_start)	/* word 0: entry offset */
		SHORT(__sl_end - __sl_start)	/* word 1: measured length */
	} :slb
#endif
	.text : {
		*(.text.sl_entry)
		*(.text .text.*)
	} :slb
	.rodata : {
		*(.rodata .rodata.*)
		/*
		 * The long-mode IDT (measured). A gate splits its handler's
		 * address, which only the linker knows (APM vol. 2, 8.9.1
		 * "Interrupt-Gate and Trap-Gate Descriptors"): offset 15:0,
		 * selector, IST 0, type 0x8e (present, DPL 0, 64-bit interrupt
		 * gate), offset 31:16, offset 63:32, reserved (16 bytes). Absent
		 * vectors are zero (not present: an exception there, or beyond
		 * the limit, ends in a shutdown).
		 */
		. = ALIGN(16);
		sl_idt64 = .;		/* long mode: vectors 0-2, NMI only */
		. = . + 2 * 16;
		SHORT(sl_nmi64 & 0xffff) SHORT(0x18) BYTE(0) BYTE(0x8e) SHORT((sl_nmi64 >> 16) & 0xffff)
		LONG(sl_nmi64 >> 32) LONG(0)
		sl_idt64_end = .;
		. = ALIGN(8);
		sl_idt64_ptr = .;	/* LIDT operand: limit, base */
		SHORT(sl_idt64_end - sl_idt64 - 1) QUAD(sl_idt64)
	} :slb
	.data : {
		*(.data .data.*)
	} :slb
	__sl_end = .;

	ASSERT(SIZEOF(.data) == 0, "secure loader: writable .data would change the measured bytes")
#ifdef SL_TXT
	ASSERT(__sl_end - __sl_start <= 0x1e000, "MLE: above SL_MLE_MAX (its stack follows it)")
#else
	ASSERT(__sl_end - __sl_start <= 0xe800, "secure loader: measured part above 64 KiB - stack reserve (SL_MEASURED_MAX)")
#endif

	. = 0x411000;		/* SL_SCRATCH_BASE */
	.bss (NOLOAD) : {
		__sl_bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(8);
		__sl_bss_end = .;
	} :scratch
	ASSERT(__sl_bss_end <= 0x43c000, "secure loader: scratch beyond SL_SCRATCH_END")

	/DISCARD/ : {
		*(.note .note.*)
		*(.comment)
		*(.eh_frame .eh_frame_hdr)
	}
}

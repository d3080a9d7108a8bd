// SPDX-License-Identifier: GPL-2.0-only
/* Signatures of the event-log structures (layout.h), shared by writer and parser. */
#include "layout.h"

/* PC Client PFP: TCG_EfiSpecIdEventStruct.signature for the crypto-agile log. */
const u8 evl_sig_spec_id[16] = "Spec ID Event03";
/* PC Client PFP: TCG_EfiStartupLocalityEvent.Signature. */
const u8 evl_sig_startup_locality[16] = "StartupLocality";
/* Parapet's launch marker (docs/eventlog.md). */
const u8 evl_sig_launch[16] = "ParapetLaunch";

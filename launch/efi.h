/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few UEFI definitions launch needs (UEFI Specification 2.10). Only the
 * members launch calls are typed; the rest are opaque pointers that keep the
 * spec layout, checked by the _Static_asserts below. Freestanding only.
 */
#ifndef PARAPET_LAUNCH_EFI_H
#define PARAPET_LAUNCH_EFI_H

#include <parapet/types.h>

#define EFIAPI __attribute__((ms_abi))

typedef u64 efi_status;
typedef void *efi_handle;

/* Appendix D: status codes (error bit = bit 63 on x64) */
#define EFI_ERROR_BIT (1ull << 63)
#define EFI_SUCCESS 0ull
#define EFI_INVALID_PARAMETER (EFI_ERROR_BIT | 2)
#define EFI_UNSUPPORTED (EFI_ERROR_BIT | 3)
#define EFI_BUFFER_TOO_SMALL (EFI_ERROR_BIT | 5)
#define EFI_OUT_OF_RESOURCES (EFI_ERROR_BIT | 9)
#define EFI_NOT_FOUND (EFI_ERROR_BIT | 14)

/* 7.2.1 EFI_ALLOCATE_TYPE */
#define EFI_ALLOCATE_MAX_ADDRESS 1u
#define EFI_ALLOCATE_ADDRESS 2u

#define EFI_SYSTEM_TABLE_SIGNATURE 0x5453595320494249ull  /* "IBI SYST" */
#define EFI_BOOT_SERVICES_SIGNATURE 0x56524553544f4f42ull /* "BOOTSERV" */

/* 4.2.1 EFI_TABLE_HEADER */
struct efi_table_header {
	u64 signature;
	u32 revision;
	u32 header_size;
	u32 crc32;
	u32 reserved;
};
_Static_assert(sizeof(struct efi_table_header) == 24, "EFI_TABLE_HEADER");

/* 4.3.1 EFI_SYSTEM_TABLE */
struct efi_system_table {
	struct efi_table_header hdr;
	void *firmware_vendor;
	u32 firmware_revision;
	void *console_in_handle;
	void *con_in;
	void *console_out_handle;
	void *con_out;
	void *standard_error_handle;
	void *std_err;
	void *runtime_services;
	struct efi_boot_services *boot_services;
	u64 number_of_table_entries;
	void *configuration_table; /* EFI_CONFIGURATION_TABLE[] */
};
_Static_assert(__builtin_offsetof(struct efi_system_table, firmware_revision) == 32, "ST");
_Static_assert(__builtin_offsetof(struct efi_system_table, boot_services) == 96, "ST.BootServices");
_Static_assert(__builtin_offsetof(struct efi_system_table, number_of_table_entries) == 104,
	       "ST.NumberOfTableEntries");
_Static_assert(__builtin_offsetof(struct efi_system_table, configuration_table) == 112,
	       "ST.ConfigurationTable");
_Static_assert(sizeof(struct efi_system_table) == 120, "EFI_SYSTEM_TABLE");

/* 4.6.1 EFI_CONFIGURATION_TABLE: EFI_GUID VendorGuid; VOID *VendorTable */
#define EFI_CONFIG_TABLE_SIZE 24u
#define EFI_CONFIG_TABLE_MAX 1024u /* more entries is treated as corrupt */

typedef efi_status(EFIAPI *efi_allocate_pages_fn)(u32 type, u32 memory_type, u64 pages,
						  u64 *memory);
typedef efi_status(EFIAPI *efi_free_pages_fn)(u64 memory, u64 pages);
typedef efi_status(EFIAPI *efi_get_memory_map_fn)(u64 *map_size, void *map, u64 *map_key,
						  u64 *desc_size, u32 *desc_version);
typedef efi_status(EFIAPI *efi_exit_boot_services_fn)(efi_handle image, u64 map_key);
typedef efi_status(EFIAPI *efi_locate_protocol_fn)(const void *guid, void *registration,
						   void **iface);

/* 4.4.1 EFI_BOOT_SERVICES (entries in spec order, 8 bytes each) */
struct efi_boot_services {
	struct efi_table_header hdr;
	void *raise_tpl;		      /* 24 */
	void *restore_tpl;		      /* 32 */
	efi_allocate_pages_fn allocate_pages; /* 40 */
	efi_free_pages_fn free_pages;	      /* 48 */
	efi_get_memory_map_fn get_memory_map; /* 56 */
	void *allocate_pool;		      /* 64 */
	void *free_pool;		      /* 72 */
	void *event_timer_task[6];	      /* 80: CreateEvent .. CheckEvent */
	void *protocol_handler[8];	   /* 128: InstallProtocolInterface .. LocateDevicePath */
	void *install_configuration_table; /* 192 */
	void *image_services[4];	   /* 200: LoadImage, StartImage, Exit, UnloadImage */
	efi_exit_boot_services_fn exit_boot_services; /* 232 */
	void *misc[3];		 /* GetNextMonotonicCount, Stall, SetWatchdogTimer */
	void *driver_support[2]; /* ConnectController, DisconnectController */
	void *open_close[3];	 /* OpenProtocol, CloseProtocol, OpenProtocolInformation */
	void *library[2];	 /* ProtocolsPerHandle, LocateHandleBuffer */
	efi_locate_protocol_fn locate_protocol;
	void *library2[2]; /* Install/UninstallMultipleProtocolInterfaces */
	void *calculate_crc32;
	void *copy_mem;
	void *set_mem;
	void *create_event_ex;
};
_Static_assert(__builtin_offsetof(struct efi_boot_services, allocate_pages) == 40,
	       "BS.AllocatePages");
_Static_assert(__builtin_offsetof(struct efi_boot_services, get_memory_map) == 56,
	       "BS.GetMemoryMap");
_Static_assert(__builtin_offsetof(struct efi_boot_services, exit_boot_services) == 232,
	       "BS.ExitBootServices");
_Static_assert(__builtin_offsetof(struct efi_boot_services, locate_protocol) == 320,
	       "BS.LocateProtocol");
_Static_assert(sizeof(struct efi_boot_services) == 376, "EFI_BOOT_SERVICES");

#endif

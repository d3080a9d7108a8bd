# Device code shared by launch/, the secure loader (launch/sl/) and the
# hypervisor (docs/architecture.md): it depends on common/ only, and they
# depend on it, never the other way round.
#
# TPM: the TIS (FIFO) and CRB MMIO transports and the identification of the
# interface at the PC Client PTP address. Register access is injected
# (struct tpm_mmio_ops), so they are pure: the unit tests drive them through
# a fake register model, every freestanding stage through tpm_mmio_direct.
TPM_MMIO_SRCS := common/drivers/tpm/tis.c common/drivers/tpm/crb.c \
                 common/drivers/tpm/tpm_xport.c common/drivers/tpm/tpm_ptp.c
COMMON_SRCS += $(TPM_MMIO_SRCS)
# UART: the NS16550 console of every freestanding stage (port I/O: not
# built for the host).
UART_SRCS := common/drivers/uart/ns16550.c

# Host decoder of the hypervisor's `export-logs` console output
# (docs/console.md "Log export"): console log -> the exact binary logs.
# Included from common/fwlog/sources.mk. Standalone: libc + OpenSSL only,
# so the bytes are checked by code independent of the hypervisor's.
EVLOG_DECODE := build/tests/evlog-export/evlog-decode

$(EVLOG_DECODE): $(call host_objs,tests/evlog-export/evlog-decode.c)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -lcrypto -o $@

.PHONY: evlog-decode
evlog-decode: $(EVLOG_DECODE)

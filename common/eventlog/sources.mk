# TCG crypto-agile event log: writer, validator, replay (docs/eventlog.md).
EVLOG_SRCS := common/eventlog/sigs.c common/eventlog/alg.c common/eventlog/write.c \
              common/eventlog/parse.c common/eventlog/replay.c common/eventlog/resume.c
COMMON_SRCS += $(EVLOG_SRCS)

# Host tool for the tpm2_eventlog cross-check (tests/eventlog/). Its
# prerequisites are expanded a second time, after every common/*/sources.mk
# has added to COMMON_HOST_OBJS.
EVLOG_TOOL := build/tests/eventlog/evlog-tool
.SECONDEXPANSION:
$(EVLOG_TOOL): $(call host_objs,tests/eventlog/evlog-tool.c) $$(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: eventlog-crosscheck
eventlog-crosscheck: $(EVLOG_TOOL)
	@tests/eventlog/crosscheck.sh

# SPDX-License-Identifier: GPL-2.0-only
# Host side of the partition policy (docs/policy.md): the source compiler
# and the `parapet policy` subcommands (policy/cli/, one file each). The
# model, binary, signed framing and validator are common/policy/ (shared
# with the hypervisor).
#
# POLICY_HOST_SRCS: linked into parapet, the unit tests and the policy
# fuzz targets (no host libraries beyond libc); the rest only into parapet.
POLICY_HOST_SRCS := policy/cli/file.c policy/cli/load.c policy/cli/machine_dir.c \
                    policy/cli/diff_model.c policy/cli/diff_part.c policy/cli/diff_text.c \
                    policy/cli/diff_print.c policy/cli/units.c \
                    policy/cli/svg.c policy/cli/map_svg.c policy/cli/map_lane.c \
                    policy/cli/map_link.c
POLICY_CLI_SRCS := policy/cli/cli.c policy/cli/compile.c policy/cli/check.c \
                   policy/cli/dump.c policy/cli/sign.c policy/cli/verify.c \
                   policy/cli/diff.c policy/cli/map.c policy/cli/install.c
PARAPET_SRCS += $(POLICY_CLI_SRCS) $(POLICY_HOST_SRCS)
UNIT_ONLY_SRCS += $(POLICY_HOST_SRCS)
include policy/view.mk

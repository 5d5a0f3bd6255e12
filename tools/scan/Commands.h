//===- Commands.h - the scan and `merge`, driven by a ScanConfig ----------===//
//
// The two things pixmapcache-scan does: scan the units of a build directory (all, some, or
// one shard of them), or merge shard files; both return the exit code. Defined in
// Commands.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_COMMANDS_H
#define PIXMAPCACHE_TOOLS_SCAN_COMMANDS_H

#include "CommandLine.h"

namespace pixmapcache::scan {

/// `pixmapcache-scan -p BUILD_DIR [files...]`: scans the units, each in a process of its own,
/// and reports them; with --shard=I/N, writes the shard file instead.
int scan(const ScanConfig &Config);

/// `pixmapcache-scan merge SHARD_FILE...`: one report from the shard files, with the cross-TU
/// pass over all of them.
int merge(const ScanConfig &Config);

/// `pixmapcache-scan cache stats|clear`: the result cache's size, or an empty cache.
int cacheCommand(const ScanConfig &Config);

/// `pixmapcache-scan --list-checks [file]`: the enabled checks, as clang-tidy lists them.
int listChecks(const ScanConfig &Config);

/// `pixmapcache-scan --verify-config [-p BUILD_DIR] [file]`: the configuration problems of
/// the units (every unit of the database, or the file given), as the scan would refuse them;
/// exit 1 when there are some, as clang-tidy's --verify-config.
int verifyConfig(const ScanConfig &Config);

/// `pixmapcache-scan --explain-config [file]`: where each enabled check is enabled, as
/// clang-tidy says it.
int explainConfig(const ScanConfig &Config);

/// `pixmapcache-scan --dump-config [file]`: the configuration in effect, as clang-tidy
/// prints it.
int dumpConfig(const ScanConfig &Config);

} // namespace pixmapcache::scan

#endif

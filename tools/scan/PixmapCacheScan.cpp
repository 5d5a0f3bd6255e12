//===- PixmapCacheScan.cpp - pixmapcache-scan: whole-project scans --------===//
//
// Reads a compilation database, runs the pixmapcache-* checks on its translation units in
// parallel (each unit through clang-tidy's own machinery, so .clang-tidy files, NOLINT and
// the check options behave as in clang-tidy), adds the findings that only the whole program
// shows (off-thread access across units), and reports them for people or for CI.
// docs/scanner.md is the user documentation. This file only parses the command line
// (CommandLine.h) and runs the scan or the merge (Commands.h).
//
//===----------------------------------------------------------------------===//
#include "CommandLine.h"
#include "Commands.h"

#include "llvm/Support/Signals.h"
#include <optional>

using namespace pixmapcache::scan;

int main(int argc, char **argv) {
  llvm::sys::PrintStackTraceOnErrorSignal(argv[0]);
  const std::optional<ScanConfig> Config = parseCommandLine(argc, argv);
  if (!Config)
    return ExitUsage;
  if (!Config->CacheAction.empty())
    return cacheCommand(*Config);
  if (Config->ListChecks)
    return listChecks(*Config);
  if (Config->ExplainConfig)
    return explainConfig(*Config);
  if (Config->VerifyConfig)
    return verifyConfig(*Config);
  if (Config->DumpConfig)
    return dumpConfig(*Config);
  return Config->Merge ? merge(*Config) : scan(*Config);
}

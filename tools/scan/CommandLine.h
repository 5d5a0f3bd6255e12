//===- CommandLine.h - pixmapcache-scan's command line --------------------===//
//
// The options, parsed once into a ScanConfig that the scan and the merge are given; the exit
// codes, and the usage errors that end with ExitUsage. Defined in CommandLine.cpp, the only
// file that sees the cl::opts.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_COMMANDLINE_H
#define PIXMAPCACHE_TOOLS_SCAN_COMMANDLINE_H

#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pixmapcache::scan {

inline constexpr int ExitClean = 0, ExitFindings = 1, ExitUsage = 2;
/// As a shell reports a process ended by SIGINT (128 + 2), for any stop signal.
inline constexpr int ExitInterrupted = 130;

enum class ReportFormat { Text, Json, Sarif, CodeClimate, JUnit };
enum class FailOn { Warning, Error, None };

/// What the command line asks for. The defaults are the options' defaults.
struct ScanConfig {
  /// `pixmapcache-scan merge`: combine shard files instead of scanning.
  bool Merge = false;

  // The scan's options.
  std::string BuildDir;           ///< -p
  std::vector<std::string> Files; ///< the units to scan, as given; empty: all
  unsigned Jobs = 0;              ///< -j; 0: all cores
  std::string Checks;             ///< --checks; empty: none
  std::string Shard;              ///< --shard=I/N as given (see selectedShard); empty: none
  bool Fix = false;               ///< --fix
  unsigned UnitTimeout = 300;     ///< --unit-timeout, in seconds; 0: none

  // The options of both the scan and the merge.
  ReportFormat Format = ReportFormat::Text; ///< --format
  std::string Output;                       ///< -o; empty: stdout
  /// --source-root made absolute and normalised; the current directory when not given.
  std::string SourceRoot;
  std::string Baseline;      ///< --baseline; empty: none
  std::string WriteBaseline; ///< --write-baseline; empty: none
  std::string ExportFixes;   ///< --export-fixes; empty: none
  FailOn FailOnLevel = FailOn::Warning;
  bool OverridesAcrossUnits = false;
  bool Quiet = false;           ///< --quiet
  std::optional<bool> UseColor; ///< --use-color[=false]; none: colours on a terminal

  // clang-tidy's flags (TidyOptions.h makes clang-tidy options of them).
  std::string ConfigText;                         ///< --config; empty: none
  std::string ConfigFile;                         ///< --config-file; empty: none
  std::optional<std::string> WarningsAsErrors;    ///< --warnings-as-errors
  std::optional<std::string> HeaderFilter;        ///< --header-filter
  std::optional<std::string> ExcludeHeaderFilter; ///< --exclude-header-filter
  std::optional<bool> SystemHeaders;              ///< --system-headers
  std::vector<std::string> ExtraArgs;             ///< --extra-arg
  std::vector<std::string> ExtraArgsBefore;       ///< --extra-arg-before
  std::string LineFilter;                         ///< --line-filter; empty: none
  bool ListChecks = false;                        ///< --list-checks
  bool DumpConfig = false;                        ///< --dump-config
  bool ExplainConfig = false;                     ///< --explain-config
  bool VerifyConfig = false;                      ///< --verify-config

  // The result cache (ResultCache.h), of the scan and of `cache`.
  std::string CacheDirectory; ///< --cache-dir, or the default for --cache; empty: none
  uint64_t CacheMaxBytes = uint64_t(1) << 30; ///< --cache-max-size

  // --diff: report only what a change is responsible for (DiffScope.h).
  std::string DiffRevision;    ///< --diff=REV; empty: none
  std::string DiffFile;        ///< --diff-file=PATCH; empty: none
  bool DiffWholeUnits = false; ///< --diff-report=all

  // The merge's.
  std::vector<std::string> ShardFiles;

  /// `pixmapcache-scan cache stats|clear`: the action; empty: not this command.
  std::string CacheAction;
};

/// Prints "pixmapcache-scan: error: Message" and returns ExitUsage.
int usageError(const llvm::Twine &Message);

/// Parses and checks the command line (--help and --version end the process here). A usage
/// error is printed, and gives std::nullopt: exit with ExitUsage.
std::optional<ScanConfig> parseCommandLine(int argc, char **argv);

/// --shard=I/N: the I-th of N shards, 1-based.
struct ShardSpec {
  unsigned Index;
  unsigned Count;
};

/// The shard that --shard selects, if any, or the usage error: a malformed I/N, or an option
/// that a shard cannot take. The scan asks once it has read the database, so that the
/// errors of the build directory come first.
llvm::Expected<std::optional<ShardSpec>> selectedShard(const ScanConfig &Config);

} // namespace pixmapcache::scan

#endif

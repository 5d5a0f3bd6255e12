//===- Commands.cpp - the scan and `merge`, driven by a ScanConfig --------===//
//
// The scan: the database, the units to scan and the shard of them, the child processes, then
// the outputs or the shard file. The merge: the shard files read, then the same outputs.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Baseline.h"
#include "CommandLine.h"
#include "CompileCommands.h"
#include "ConfigurationProblems.h"
#include "ContentHash.h"
#include "Counted.h"
#include "DiffScope.h"
#include "JsonFile.h"
#include "OutputFile.h"
#include "Outputs.h"
#include "Paths.h"
#include "Progress.h"
#include "RegisteredChecks.h"
#include "ResultCache.h"
#include "Scan.h"
#include "ScanUnit.h"
#include "ShardFormat.h"
#include "TidyOptions.h"
#include "UnitProcesses.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pixmapcache::scan {

namespace {

/// Each unit's key in the result cache.
std::vector<std::string> unitKeys(const clang::tooling::CompilationDatabase &Commands,
                                  llvm::ArrayRef<std::string> Units, const ScanConfig &Config,
                                  const ScanOptions &Options) {
  const std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider =
      makeOptionsProvider(Options, llvm::vfs::createPhysicalFileSystem());
  // What applies to every unit and is not in its configuration.
  const std::string ScanWide = "line-filter=" + Config.LineFilter;
  std::vector<std::string> Keys;
  for (const std::string &Unit : Units)
    Keys.push_back(ResultCache::keyOf(Commands, Unit, Provider->getOptions(Unit), ScanWide));
  return Keys;
}

/// The lines --diff or --diff-file names.
llvm::Expected<ChangedLines> changesToReport(const ScanConfig &Config) {
  if (!Config.DiffRevision.empty())
    return gitChangesSince(Config.DiffRevision, Config.SourceRoot);
  auto Patch = llvm::MemoryBuffer::getFileOrSTDIN(Config.DiffFile);
  if (!Patch)
    return llvm::createStringError("cannot read --diff-file '" + Config.DiffFile +
                                   "': " + Patch.getError().message());
  return parseUnifiedDiff((*Patch)->getBuffer(), Config.SourceRoot);
}

/// Whether a change touches the unit: its source, or a file its cache entry says it read (a
/// unit without an entry may have read anything).
bool affectedBy(const ChangedLines &Changed, llvm::StringRef Unit, const ResultCache &Cache,
                llvm::StringRef Key) {
  if (Changed.touches(Unit))
    return true;
  const std::optional<std::vector<std::string>> Read = Cache.inputFiles(Key);
  return !Read ||
         llvm::any_of(*Read, [&](const std::string &File) { return Changed.touches(File); });
}

/// What would otherwise be found only after the whole scan (or merge): an output that names one of
/// the inputs (it would be overwritten), an output directory that cannot be written, a baseline
/// that cannot be read. Gives the baseline, read (empty without --baseline).
llvm::Expected<Baseline> checkFilesBeforeScanning(const ScanConfig &Config,
                                                  llvm::ArrayRef<std::string> Inputs) {
  std::vector<std::string> Read(Inputs.begin(), Inputs.end());
  Baseline Accepted;
  if (!Config.Baseline.empty()) {
    auto Parsed = readBaseline(Config.Baseline);
    if (!Parsed)
      return Parsed.takeError();
    Accepted = std::move(*Parsed);
    Read.push_back(Config.Baseline);
  }
  for (const std::string *Output : {&Config.Output, &Config.WriteBaseline, &Config.ExportFixes}) {
    if (Output->empty() || *Output == "-")
      continue;
    for (const std::string &Input : Read)
      if (llvm::sys::fs::equivalent(*Output, Input))
        return llvm::createStringError("'" + *Output + "' is an input of the scan (" + Input +
                                       "): writing the report there would destroy it");
    llvm::SmallString<256> Directory(absolutePath(*Output));
    llvm::sys::path::remove_filename(Directory);
    if (llvm::sys::fs::access(Directory, llvm::sys::fs::AccessMode::Write))
      return llvm::createStringError("cannot write '" + *Output + "': the directory '" + Directory +
                                     "' is missing or not writable");
  }
  return Accepted;
}

/// Every shard of one scan, each once: a shard given twice would count its findings twice, and
/// a missing one would make a report that silently lacks its units.
llvm::Error checkShardsOfOneScan(llvm::ArrayRef<std::string> Paths,
                                 llvm::ArrayRef<ShardOrigin> Origins) {
  const ShardOrigin &First = Origins.front();
  std::vector<const std::string *> PathOfIndex(First.Count + 1, nullptr);
  for (size_t I = 0; I != Origins.size(); ++I) {
    const ShardOrigin &Origin = Origins[I];
    if (Origin.Count != First.Count || Origin.Scan != First.Scan)
      return llvm::createStringError("shards '" + Paths.front() + "' and '" + Paths[I] +
                                     "' are of different scans (another database, another set "
                                     "of units or another --shard=I/N count)");
    if (const std::string *Other = PathOfIndex[Origin.Index])
      return llvm::createStringError("shards '" + *Other + "' and '" + Paths[I] +
                                     "' are both shard " + llvm::Twine(Origin.Index) + "/" +
                                     llvm::Twine(Origin.Count));
    PathOfIndex[Origin.Index] = &Paths[I];
  }
  for (unsigned Index = 1; Index <= First.Count; ++Index)
    if (!PathOfIndex[Index])
      return llvm::createStringError("shard " + llvm::Twine(Index) + "/" +
                                     llvm::Twine(First.Count) +
                                     " is missing: merge needs every shard of the scan");
  return llvm::Error::success();
}

/// The database of -p, and the units of it that the positional arguments name.
struct DatabaseUnits {
  LoadedDatabase Database;
  std::vector<std::string> Units;
};

llvm::Expected<DatabaseUnits> databaseUnits(const ScanConfig &Config) {
  auto Database = loadDatabase(Config.BuildDir);
  if (!Database)
    return Database.takeError();
  auto Units = unitsToScan(*Database->Commands, Database->Path, Config.Files);
  if (!Units)
    return Units.takeError();
  return DatabaseUnits{std::move(*Database), std::move(*Units)};
}

} // namespace

int scan(const ScanConfig &Config) {
  auto Loaded = databaseUnits(Config);
  if (!Loaded)
    return usageError(llvm::toString(Loaded.takeError()));
  const LoadedDatabase &Database = Loaded->Database;
  std::vector<std::string> &Units = Loaded->Units;
  std::vector<std::string> WithAst;
  for (std::string &Unit : Units) {
    if (hasAst(Unit))
      WithAst.push_back(std::move(Unit));
    else if (!Config.Quiet)
      llvm::errs() << "pixmapcache-scan: note: skipped '" << displayPath(Unit, Config.SourceRoot)
                   << "': not C, C++ or Objective-C source\n";
  }
  Units = std::move(WithAst);
  std::vector<std::string> Inputs = Units;
  Inputs.push_back(Database.Path);
  auto Accepted = checkFilesBeforeScanning(Config, Inputs);
  if (!Accepted)
    return usageError(llvm::toString(Accepted.takeError()));
  auto Selected = selectedShard(Config);
  if (!Selected)
    return usageError(llvm::toString(Selected.takeError()));
  const std::optional<ShardSpec> Shard = *Selected;
  // Every shard of one scan names the same units: merge tells the shards of a scan apart from
  // those of another by this.
  const std::string ScanId = contentHash(Database.Path + "\n" + llvm::join(Units, "\n"));
  if (Shard) {
    std::vector<std::string> Mine;
    for (size_t I = 0; I != Units.size(); ++I)
      if (I % Shard->Count == Shard->Index - 1)
        Mine.push_back(Units[I]);
    Units = std::move(Mine);
  }

  auto Made = scanOptions(Config);
  if (!Made)
    return usageError(llvm::toString(Made.takeError()));
  const ScanOptions &Options = *Made;
  if (const std::vector<std::string> Problems = configurationProblems(Options, Units);
      !Problems.empty()) {
    for (const std::string &Problem : Problems)
      llvm::errs() << "pixmapcache-scan: error: " << Problem << '\n';
    llvm::errs() << "pixmapcache-scan: error: the configuration does not apply as written; "
                    "nothing was scanned (--verify-config checks it)\n";
    return ExitUsage;
  }
  if (!Config.Checks.empty() && !checkFilterKeepsAny(Config.Checks))
    llvm::errs() << "pixmapcache-scan: warning: --checks='" << Config.Checks
                 << "' turns every pixmapcache check off: the scan reports compiler errors "
                    "only; name the checks to run, e.g. --checks='-*,pixmapcache-*'\n";
  std::optional<DiffScope> Diff;
  if (!Config.DiffRevision.empty() || !Config.DiffFile.empty()) {
    if (Shard)
      return usageError("--diff takes no --shard: the report of a change is one scan");
    auto Changed = changesToReport(Config);
    if (!Changed)
      return usageError(llvm::toString(Changed.takeError()));
    Diff.emplace();
    Diff->Changed = std::move(*Changed);
    Diff->WholeUnits = Config.DiffWholeUnits;
  }
  const UniqueCommands Commands(*Database.Commands);
  std::optional<ResultCache> Cache;
  std::optional<CachedUnits> Cached;
  if (!Config.CacheDirectory.empty()) {
    auto Opened = ResultCache::open(Config.CacheDirectory, Config.CacheMaxBytes);
    if (!Opened)
      return usageError(llvm::toString(Opened.takeError()));
    Cache = std::move(*Opened);
    Cached.emplace(CachedUnits{*Cache, unitKeys(Commands, Units, Config, Options), 0});
  }
  bool Capped = false;
  const unsigned Jobs = processesAtOnce(Config.Jobs, Capped);
  if (Capped)
    llvm::errs() << "pixmapcache-scan: warning: -j " << Config.Jobs << " is more than this machine "
                 << "can run at once: scanning " << Jobs << " translation units at once (four per "
                 << "core)\n";
  Progress Bar(Units.size(), !Config.Quiet);
  bool Interrupted = false;
  std::vector<std::optional<UnitResult>> Scanned = scanInChildProcesses(
      Commands, Units, Options, {Jobs, Config.UnitTimeout}, Cached ? &*Cached : nullptr,
      [&](const UnitResult &Unit) { Bar.unitDone(Unit.Findings.size()); }, Interrupted);
  Bar.clear();
  if (Cache) {
    Cache->trim();
    if (!Config.Quiet)
      llvm::errs() << "pixmapcache-scan: " << Cached->Hits << " of "
                   << counted(Units.size(), "translation unit") << " from the cache in "
                   << Cache->directory() << '\n';
  }
  std::vector<UnitResult> Results;
  for (std::optional<UnitResult> &Unit : Scanned)
    if (Unit)
      Results.push_back(std::move(*Unit));
  const unsigned Unscanned = Scanned.size() - Results.size();

  if (Shard && Interrupted) {
    // A shard with units missing would merge into a report that silently lacks them.
    llvm::errs() << "pixmapcache-scan: interrupted: no shard file written\n";
    return ExitInterrupted;
  }
  if (Shard) {
    if (llvm::Error E = writeOutputFile(Config.Output, [&](llvm::raw_ostream &OS) {
          writeShardJson(OS, {{Shard->Index, Shard->Count, ScanId}, std::move(Results)});
          OS << '\n';
        }))
      return usageError(llvm::toString(std::move(E)));
    llvm::errs() << "pixmapcache-scan: shard " << Shard->Index << '/' << Shard->Count << ": "
                 << counted(Units.size(), "translation unit") << " written to " << Config.Output
                 << '\n';
    return ExitClean;
  }
  if (Diff)
    for (size_t I = 0; I != Units.size(); ++I)
      if (affectedBy(Diff->Changed, Units[I], *Cache, Cached->Keys[I]))
        Diff->AffectedUnits.insert(Units[I]);
  return conclude(Config, std::move(Results), *Accepted, Unscanned, Diff ? &*Diff : nullptr);
}

int merge(const ScanConfig &Config) {
  auto Accepted = checkFilesBeforeScanning(Config, Config.ShardFiles);
  if (!Accepted)
    return usageError(llvm::toString(Accepted.takeError()));
  std::vector<UnitResult> Units;
  std::vector<ShardOrigin> Origins;
  for (const std::string &Path : Config.ShardFiles) {
    auto Doc = readJsonFile(ShardJson, Path);
    if (!Doc)
      return usageError(llvm::toString(Doc.takeError()));
    auto Read = shardFromJson(*Doc);
    if (!Read)
      return usageError("shard '" + Path + "': " + llvm::toString(Read.takeError()));
    Origins.push_back(std::move(Read->Origin));
    std::move(Read->Units.begin(), Read->Units.end(), std::back_inserter(Units));
  }
  if (llvm::Error E = checkShardsOfOneScan(Config.ShardFiles, Origins))
    return usageError(llvm::toString(std::move(E)));
  return conclude(Config, std::move(Units), *Accepted);
}

namespace {

/// The configuration of the first file given, or of a file in the current directory, as
/// clang-tidy's --list-checks, --dump-config and --explain-config see it.
struct ConfigInEffect {
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider;
  std::string File;

  clang::tidy::ClangTidyOptions options() const { return Provider->getOptions(File); }

  /// The pixmapcache checks that the configuration enables.
  std::vector<std::string> enabledChecks() const {
    const clang::tidy::GlobList Enabled(options().Checks.value_or(""));
    std::vector<std::string> Names;
    for (const std::string &Name : clang::tidy::pixmapcache::registeredCheckNames())
      if (llvm::StringRef(Name).starts_with("pixmapcache-") && Enabled.contains(Name))
        Names.push_back(Name);
    return Names;
  }
};

/// The configuration in effect, or the usage error of the flags.
llvm::Expected<ConfigInEffect> configInEffect(const ScanConfig &Config) {
  auto Made = scanOptions(Config);
  if (!Made)
    return Made.takeError();
  const bool NamesFile = !Config.Files.empty() && llvm::sys::fs::is_regular_file(Config.Files[0]);
  return ConfigInEffect{makeOptionsProvider(*Made, llvm::vfs::createPhysicalFileSystem()),
                        absolutePath(NamesFile ? Config.Files.front() : "dummy.cpp")};
}

/// Prints with `Print` what the configuration in effect says of the checks it enables; a
/// configuration that enables none, or flags that make none, are usage errors.
int printEnabledChecks(
    const ScanConfig &Config,
    llvm::function_ref<void(const ConfigInEffect &, llvm::ArrayRef<std::string>)> Print) {
  auto InEffect = configInEffect(Config);
  if (!InEffect)
    return usageError(llvm::toString(InEffect.takeError()));
  const std::vector<std::string> Names = InEffect->enabledChecks();
  if (Names.empty()) {
    llvm::errs() << "pixmapcache-scan: error: no checks enabled\n";
    return ExitUsage;
  }
  Print(*InEffect, Names);
  return ExitClean;
}

} // namespace

int listChecks(const ScanConfig &Config) {
  return printEnabledChecks(Config, [](const ConfigInEffect &, llvm::ArrayRef<std::string> Names) {
    llvm::outs() << "Enabled checks:\n";
    for (const std::string &Name : Names)
      llvm::outs() << "    " << Name << '\n';
    llvm::outs() << '\n';
  });
}

int explainConfig(const ScanConfig &Config) {
  return printEnabledChecks(
      Config, [](const ConfigInEffect &InEffect, llvm::ArrayRef<std::string> Names) {
        // As clang-tidy explains it: the last source whose Checks enables the check.
        const auto Sources = InEffect.Provider->getRawOptions(InEffect.File);
        for (const std::string &Name : Names)
          for (const auto &[Options, Source] : llvm::reverse(Sources))
            if (Options.Checks && clang::tidy::GlobList(*Options.Checks).contains(Name)) {
              const bool Default =
                  Source == clang::tidy::DefaultOptionsProvider::OptionsSourceTypeDefaultBinary;
              llvm::outs() << "'" << Name << "' is enabled in the "
                           << (Default ? llvm::StringRef("defaults of pixmapcache-scan")
                                       : llvm::StringRef(Source))
                           << ".\n";
              break;
            }
      });
}

int verifyConfig(const ScanConfig &Config) {
  auto InEffect = configInEffect(Config);
  if (!InEffect)
    return usageError(llvm::toString(InEffect.takeError()));
  std::vector<std::string> Files{InEffect->File};
  if (!Config.BuildDir.empty()) {
    auto Selected = databaseUnits(Config);
    if (!Selected)
      return usageError(llvm::toString(Selected.takeError()));
    Files = std::move(Selected->Units);
  }
  auto Options = scanOptions(Config);
  if (!Options)
    return usageError(llvm::toString(Options.takeError()));
  const std::vector<std::string> Problems = configurationProblems(*Options, Files);
  for (const std::string &Problem : Problems)
    llvm::outs() << "error: " << Problem << '\n';
  if (Problems.empty())
    llvm::outs() << "No config errors detected.\n";
  return Problems.empty() ? ExitClean : ExitFindings;
}

int cacheCommand(const ScanConfig &Config) {
  auto Cache = ResultCache::open(Config.CacheDirectory, Config.CacheMaxBytes);
  if (!Cache)
    return usageError(llvm::toString(Cache.takeError()));
  const ResultCache::Usage Used = Cache->usage();
  if (Config.CacheAction == "clear") {
    if (llvm::Error E = Cache->clear())
      return usageError(llvm::toString(std::move(E)));
    llvm::outs() << Cache->directory() << ": " << Used.Entries << " entries deleted\n";
    return ExitClean;
  }
  llvm::outs() << Cache->directory() << ": " << Used.Entries << " entries, "
               << llvm::format("%.1f", Used.Bytes / 1048576.0) << " MiB\n";
  return ExitClean;
}

int dumpConfig(const ScanConfig &Config) {
  auto InEffect = configInEffect(Config);
  if (!InEffect)
    return usageError(llvm::toString(InEffect.takeError()));
  clang::tidy::ClangTidyOptions Options = InEffect->options();
  Options.CheckOptions = clang::tidy::getCheckOptions(Options, false);
  llvm::outs() << clang::tidy::configurationAsText(
                      clang::tidy::ClangTidyOptions::getDefaults().merge(Options, 0))
               << '\n';
  return ExitClean;
}

} // namespace pixmapcache::scan

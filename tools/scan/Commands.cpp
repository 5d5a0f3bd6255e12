//===- Commands.cpp - the scan and `merge`, driven by a ScanConfig --------===//
//
// The scan: the database, the units to scan and the shard of them, the child processes, then
// the outputs or the shard file. The merge: the shard files read, then the same outputs.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CommandLine.h"
#include "CompileCommands.h"
#include "JsonFile.h"
#include "OutputFile.h"
#include "Outputs.h"
#include "Paths.h"
#include "Progress.h"
#include "Scan.h"
#include "ScanUnit.h"
#include "RegisteredChecks.h"
#include "ShardFormat.h"
#include "TidyOptions.h"
#include "UnitProcesses.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/Threading.h"
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

int scan(const ScanConfig &Config) {
  auto Database = loadDatabase(Config.BuildDir);
  if (!Database)
    return usageError(llvm::toString(Database.takeError()));
  auto Units = unitsToScan(*Database->Commands, Database->Path, Config.Files);
  if (!Units)
    return usageError(llvm::toString(Units.takeError()));
  std::vector<std::string> WithAst;
  for (std::string &Unit : *Units) {
    if (hasAst(Unit))
      WithAst.push_back(std::move(Unit));
    else if (!Config.Quiet)
      llvm::errs() << "pixmapcache-scan: note: skipped '" << displayPath(Unit, Config.SourceRoot)
                   << "': not C, C++ or Objective-C source\n";
  }
  *Units = std::move(WithAst);
  auto Selected = selectedShard(Config);
  if (!Selected)
    return usageError(llvm::toString(Selected.takeError()));
  const std::optional<ShardSpec> Shard = *Selected;
  if (Shard) {
    std::vector<std::string> Mine;
    for (size_t I = 0; I != Units->size(); ++I)
      if (I % Shard->Count == Shard->Index - 1)
        Mine.push_back((*Units)[I]);
    *Units = std::move(Mine);
  }

  auto Made = scanOptions(Config);
  if (!Made)
    return usageError(llvm::toString(Made.takeError()));
  const ScanOptions &Options = *Made;
  if (!Config.Checks.empty() && !checkFilterKeepsAny(Config.Checks))
    llvm::errs() << "pixmapcache-scan: warning: --checks='" << Config.Checks
                 << "' turns every pixmapcache check off: the scan reports compiler errors "
                    "only; name the checks to run, e.g. --checks='-*,pixmapcache-*'\n";
  const UniqueCommands Commands(*Database->Commands);
  Progress Bar(Units->size(), !Config.Quiet);
  bool Interrupted = false;
  std::vector<std::optional<UnitResult>> Scanned = scanInChildProcesses(
      Commands, *Units, Options,
      {llvm::hardware_concurrency(Config.Jobs).compute_thread_count(), Config.UnitTimeout},
      [&](const UnitResult &Unit) { Bar.unitDone(Unit.Findings.size()); }, Interrupted);
  Bar.clear();
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
          writeUnitsJson(OS, Results);
          OS << '\n';
        }))
      return usageError(llvm::toString(std::move(E)));
    llvm::errs() << "pixmapcache-scan: shard " << Shard->Index << '/' << Shard->Count << ": "
                 << Results.size() << " translation units written to " << Config.Output << '\n';
    return ExitClean;
  }
  return conclude(Config, std::move(Results), Unscanned);
}

int merge(const ScanConfig &Config) {
  std::vector<UnitResult> Units;
  for (const std::string &Path : Config.ShardFiles) {
    auto Doc = readJsonFile("shard", Path);
    if (!Doc)
      return usageError(llvm::toString(Doc.takeError()));
    auto Read = unitsFromJson(*Doc);
    if (!Read)
      return usageError("shard '" + Path + "': " + llvm::toString(Read.takeError()));
    std::move(Read->begin(), Read->end(), std::back_inserter(Units));
  }
  return conclude(Config, std::move(Units));
}

namespace {

/// The options in effect for the first file given, or for a file in the current directory,
/// or the usage error of the flags.
llvm::Expected<clang::tidy::ClangTidyOptions> optionsInEffect(const ScanConfig &Config) {
  auto Made = scanOptions(Config);
  if (!Made)
    return Made.takeError();
  const std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider =
      makeOptionsProvider(*Made, llvm::vfs::createPhysicalFileSystem());
  const std::string File = absolutePath(Config.Files.empty() ? "dummy.cpp" : Config.Files.front());
  return Provider->getOptions(File);
}

} // namespace

int listChecks(const ScanConfig &Config) {
  auto Options = optionsInEffect(Config);
  if (!Options)
    return usageError(llvm::toString(Options.takeError()));
  const clang::tidy::GlobList Enabled(Options->Checks.value_or(""));
  std::vector<std::string> Names;
  for (const std::string &Name : clang::tidy::pixmapcache::registeredCheckNames())
    if (llvm::StringRef(Name).starts_with("pixmapcache-") && Enabled.contains(Name))
      Names.push_back(Name);
  if (Names.empty()) {
    llvm::errs() << "pixmapcache-scan: error: no checks enabled\n";
    return ExitUsage;
  }
  llvm::outs() << "Enabled checks:\n";
  for (const std::string &Name : Names)
    llvm::outs() << "    " << Name << '\n';
  llvm::outs() << '\n';
  return ExitClean;
}

int dumpConfig(const ScanConfig &Config) {
  auto Options = optionsInEffect(Config);
  if (!Options)
    return usageError(llvm::toString(Options.takeError()));
  Options->CheckOptions = clang::tidy::getCheckOptions(*Options, false);
  llvm::outs() << clang::tidy::configurationAsText(
                      clang::tidy::ClangTidyOptions::getDefaults().merge(*Options, 0))
               << '\n';
  return ExitClean;
}

} // namespace pixmapcache::scan

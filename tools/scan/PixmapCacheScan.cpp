//===- PixmapCacheScan.cpp - pixmapcache-scan: whole-project scans --------===//
//
// Reads a compilation database, runs the pixmapcache-* checks on its translation units in
// parallel (each unit through clang-tidy's own machinery, so .clang-tidy files, NOLINT and
// the check options behave as in clang-tidy), adds the findings that only the whole program
// shows (off-thread access across units), and reports them for people or for CI.
// docs/scanner.md is the user documentation.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "CompileCommands.h"
#include "Fixes.h"
#include "JsonFile.h"
#include "JsonReport.h"
#include "OutputFile.h"
#include "Paths.h"
#include "Progress.h"
#include "Report.h"
#include "SarifReport.h"
#include "Scan.h"
#include "ScanUnit.h"
#include "ShardFormat.h"
#include "TextReport.h"
#include "UnitProcesses.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/Threading.h"

using namespace pixmapcache::scan;
namespace cl = llvm::cl;

namespace {

enum class Format { Text, Json, Sarif };
enum class FailOn { Warning, Error, None };

cl::OptionCategory Category("pixmapcache-scan options");
cl::SubCommand Merge("merge", "Combine the shard files written by --shard=I/N into one report, "
                              "with the cross-TU analysis over all of them");

cl::opt<std::string> BuildDir("p", cl::desc("Build directory with compile_commands.json"),
                              cl::value_desc("build-dir"), cl::cat(Category));
cl::list<std::string> Files(cl::Positional, cl::desc("[files...]"), cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Translation units scanned at once (default: all cores)"),
                       cl::Prefix, cl::init(0), cl::cat(Category));
cl::opt<std::string> Checks("checks",
                            cl::desc("Check filter applied after the .clang-tidy files, e.g. "
                                     "-checks=-*,pixmapcache-off-thread-access"),
                            cl::cat(Category));
cl::opt<std::string> Shard("shard",
                           cl::desc("Scan shard I of N (1-based) and write a shard file to "
                                    "--output, for `pixmapcache-scan merge`"),
                           cl::value_desc("I/N"), cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the fixes of the findings to the sources"),
                  cl::cat(Category));
cl::opt<unsigned> UnitTimeout("unit-timeout",
                              cl::desc("Stop the scan of a translation unit after this many "
                                       "seconds and report it as an error (0: no limit)"),
                              cl::value_desc("seconds"), cl::init(300), cl::cat(Category));

// Options of both the scan and the merge.
#define BOTH cl::sub(cl::SubCommand::getTopLevel()), cl::sub(Merge), cl::cat(Category)
cl::opt<Format> OutputFormat("format", cl::desc("Output format"), cl::init(Format::Text),
                             cl::values(clEnumValN(Format::Text, "text", "clang-style text"),
                                        clEnumValN(Format::Json, "json", "JSON"),
                                        clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0")),
                             BOTH);
cl::opt<std::string> Output("o", cl::desc("Write the report to this file (default: stdout)"),
                            cl::value_desc("file"), BOTH);
cl::alias OutputLong("output", cl::aliasopt(Output), cl::desc("Alias for -o"));
cl::opt<std::string> SourceRoot("source-root",
                                cl::desc("Root that paths and fingerprints are relative to "
                                         "(%SRCROOT% in SARIF; default: the current directory)"),
                                cl::value_desc("dir"), BOTH);
cl::opt<std::string> BaselineFile("baseline",
                                  cl::desc("Do not report findings saved in this baseline"),
                                  cl::value_desc("file"), BOTH);
cl::opt<std::string> WriteBaseline("write-baseline",
                                   cl::desc("Save the fingerprints of all findings as a baseline"),
                                   cl::value_desc("file"), BOTH);
cl::opt<std::string> ExportFixes("export-fixes",
                                 cl::desc("Write the fixes as clang-apply-replacements YAML"),
                                 cl::value_desc("file"), BOTH);
cl::opt<FailOn>
    FailOnLevel("fail-on", cl::desc("Exit with 1 when a finding has at least this level"),
                cl::init(FailOn::Warning),
                cl::values(clEnumValN(FailOn::Warning, "warning", "any finding (default)"),
                           clEnumValN(FailOn::Error, "error",
                                      "errors only: WarningsAsErrors findings and compile errors"),
                           clEnumValN(FailOn::None, "none", "never")),
                BOTH);
cl::opt<bool> OverridesAcrossUnits(
    "overrides-across-units",
    cl::desc("Let a virtual call reached on a worker thread run the overrides defined in other "
             "translation units too (default: only those its own unit defines, as in clang-tidy)"),
    BOTH);
cl::list<std::string> ShardFiles(cl::Positional, cl::desc("<shard files...>"), cl::sub(Merge),
                                 cl::cat(Category));
#undef BOTH

constexpr int ExitClean = 0, ExitFindings = 1, ExitUsage = 2;
/// As a shell reports a process ended by SIGINT (128 + 2), for any stop signal.
constexpr int ExitInterrupted = 130;

int usageError(const llvm::Twine &Message) {
  llvm::errs() << "pixmapcache-scan: error: " << Message << '\n';
  return ExitUsage;
}

llvm::Expected<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Spec) {
  auto [I, N] = Spec.split('/');
  unsigned Index, Count;
  if (I.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Count == 0 || Index == 0 ||
      Index > Count)
    return llvm::createStringError("--shard expects I/N with 1 <= I <= N, not '" + Spec + "'");
  return std::make_pair(Index, Count);
}

/// The report in the chosen format, the side outputs, and the exit code. `Unscanned` units
/// were left out by an interrupted scan: the report is written, marked as incomplete, but
/// not the baseline or the fixes, which would be wrong for the units that were left out.
int conclude(std::vector<UnitResult> Units, unsigned Unscanned = 0) {
  const std::string Root =
      absolutePath(SourceRoot.empty() ? llvm::StringRef(".") : llvm::StringRef(SourceRoot));
  llvm::StringSet<> Baseline;
  if (!BaselineFile.empty()) {
    auto Read = readBaseline(BaselineFile);
    if (!Read)
      return usageError(llvm::toString(Read.takeError()));
    Baseline = std::move(*Read);
  }
  Report R = finish(std::move(Units), Root, Baseline,
                    OverridesAcrossUnits ? clang::tidy::pixmapcache::OverrideScope::AllUnits
                                         : clang::tidy::pixmapcache::OverrideScope::CallingUnit);
  R.Unscanned = Unscanned;

  llvm::Error Written = writeOutputFile(Output, [&](llvm::raw_ostream &OS) {
    switch (OutputFormat) {
    case Format::Text:
      writeText(R, Root, OS);
      break;
    case Format::Json:
      writeJson(R, Root, OS);
      break;
    case Format::Sarif:
      writeSarif(R, Root, OS);
      break;
    }
  });
  if (Written)
    return usageError(llvm::toString(std::move(Written)));
  if (Unscanned) {
    llvm::errs() << "pixmapcache-scan: interrupted: " << R.Units << " of " << R.Units + Unscanned
                 << " translation units scanned; the report has their findings"
                 << (WriteBaseline.empty() && ExportFixes.empty() && !Fix
                         ? ""
                         : ", no baseline or fixes are written")
                 << '\n';
    return ExitInterrupted;
  }
  if (!WriteBaseline.empty())
    if (llvm::Error E =
            writeOutputFile(WriteBaseline, [&](llvm::raw_ostream &OS) { writeBaseline(R, OS); }))
      return usageError(llvm::toString(std::move(E)));
  if (!ExportFixes.empty() || Fix) {
    const auto Fixes = collectFixes(R);
    if (!ExportFixes.empty())
      if (llvm::Error E =
              writeOutputFile(ExportFixes, [&](llvm::raw_ostream &OS) { exportFixes(Fixes, OS); }))
        return usageError(llvm::toString(std::move(E)));
    if (Fix && !applyFixes(Fixes))
      return ExitUsage;
  }

  unsigned Errors = 0, Incomplete = 0;
  llvm::StringSet<> Crashed, TimedOut;
  for (const Finding &F : R.Findings) {
    Errors += F.Severity == Level::Error;
    Incomplete += isIncompleteScan(F);
    if (F.Check == ScanCrashCheck || F.Check == ScanFailureCheck)
      Crashed.insert(F.Where.File);
    else if (F.Check == ScanTimeoutCheck)
      TimedOut.insert(F.Where.File);
  }
  auto Count = [](size_t N, const char *What) {
    return std::to_string(N) + " " + What + (N == 1 ? "" : "s");
  };
  llvm::errs() << "pixmapcache-scan: " << Count(R.Units, "translation unit") << ", "
               << Count(R.Findings.size() - Incomplete, "finding");
  if (R.Suppressed)
    llvm::errs() << " (" << R.Suppressed << " more in the baseline)";
  if (unsigned CompileFailures = R.FailedUnits - Crashed.size() - TimedOut.size())
    llvm::errs() << ", " << CompileFailures << " with compile errors";
  if (!Crashed.empty())
    llvm::errs() << ", " << Crashed.size() << " crashed";
  if (!TimedOut.empty())
    llvm::errs() << ", " << TimedOut.size() << " timed out";
  llvm::errs() << '\n';

  const bool Fail = FailOnLevel == FailOn::Warning ? !R.Findings.empty()
                    : FailOnLevel == FailOn::Error ? Errors != 0
                                                   : false;
  return Fail ? ExitFindings : ExitClean;
}

int scan() {
  if (BuildDir.empty())
    return usageError("-p BUILD_DIR is required (the directory of compile_commands.json)");
  auto Database = loadDatabase(BuildDir);
  if (!Database)
    return usageError(llvm::toString(Database.takeError()));
  auto Units = unitsToScan(*Database->Commands, Database->Path, Files);
  if (!Units)
    return usageError(llvm::toString(Units.takeError()));
  std::vector<std::string> WithAst;
  for (std::string &Unit : *Units) {
    if (hasAst(Unit))
      WithAst.push_back(std::move(Unit));
    else
      llvm::errs() << "pixmapcache-scan: note: skipped '"
                   << displayPath(Unit,
                                  absolutePath(SourceRoot.empty() ? "." : SourceRoot.getValue()))
                   << "': not C, C++ or Objective-C source\n";
  }
  *Units = std::move(WithAst);
  std::optional<std::pair<unsigned, unsigned>> ShardSpec;
  if (!Shard.empty()) {
    auto Parsed = parseShard(Shard);
    if (!Parsed)
      return usageError(llvm::toString(Parsed.takeError()));
    if (Output.empty() || Fix || !ExportFixes.empty() || !BaselineFile.empty() ||
        !WriteBaseline.empty())
      return usageError("--shard writes a shard file to --output and takes no --fix, "
                        "--export-fixes or baseline options: give those to `merge`");
    ShardSpec = *Parsed;
    std::vector<std::string> Mine;
    for (size_t I = 0; I != Units->size(); ++I)
      if (I % ShardSpec->second == ShardSpec->first - 1)
        Mine.push_back((*Units)[I]);
    *Units = std::move(Mine);
  }

  const ScanOptions Options{Checks.getValue()};
  if (!Checks.empty() && !checkFilterKeepsAny(Checks))
    llvm::errs() << "pixmapcache-scan: warning: --checks='" << Checks
                 << "' turns every pixmapcache check off: the scan reports compiler errors "
                    "only; name the checks to run, e.g. --checks='-*,pixmapcache-*'\n";
  const UniqueCommands Commands(*Database->Commands);
  Progress Bar(Units->size());
  bool Interrupted = false;
  std::vector<std::optional<UnitResult>> Scanned = scanInChildProcesses(
      Commands, *Units, Options,
      {llvm::hardware_concurrency(Jobs).compute_thread_count(), UnitTimeout},
      [&](const UnitResult &Unit) { Bar.unitDone(Unit.Findings.size()); }, Interrupted);
  Bar.clear();
  std::vector<UnitResult> Results;
  for (std::optional<UnitResult> &Unit : Scanned)
    if (Unit)
      Results.push_back(std::move(*Unit));
  const unsigned Unscanned = Scanned.size() - Results.size();

  if (ShardSpec && Interrupted) {
    // A shard with units missing would merge into a report that silently lacks them.
    llvm::errs() << "pixmapcache-scan: interrupted: no shard file written\n";
    return ExitInterrupted;
  }
  if (ShardSpec) {
    if (llvm::Error E = writeOutputFile(Output, [&](llvm::raw_ostream &OS) {
          writeUnitsJson(OS, Results);
          OS << '\n';
        }))
      return usageError(llvm::toString(std::move(E)));
    llvm::errs() << "pixmapcache-scan: shard " << ShardSpec->first << '/' << ShardSpec->second
                 << ": " << Results.size() << " translation units written to " << Output << '\n';
    return ExitClean;
  }
  return conclude(std::move(Results), Unscanned);
}

int merge() {
  if (ShardFiles.empty())
    return usageError("merge needs the shard files written by --shard=I/N");
  std::vector<UnitResult> Units;
  for (const std::string &Path : ShardFiles) {
    auto Doc = readJsonFile("shard", Path);
    if (!Doc)
      return usageError(llvm::toString(Doc.takeError()));
    auto Read = unitsFromJson(*Doc);
    if (!Read)
      return usageError("shard '" + Path + "': " + llvm::toString(Read.takeError()));
    std::move(Read->begin(), Read->end(), std::back_inserter(Units));
  }
  return conclude(std::move(Units));
}

} // namespace

int main(int argc, char **argv) {
  llvm::sys::PrintStackTraceOnErrorSignal(argv[0]);
  cl::HideUnrelatedOptions(Category);
  std::string Errors;
  llvm::raw_string_ostream ErrorStream(Errors);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "pixmapcache-scan: runs the pixmapcache-* checks over a whole project\n\n"
          "  pixmapcache-scan -p BUILD_DIR [options] [files...]\n"
          "  pixmapcache-scan merge [options] SHARD_FILE...\n",
          &ErrorStream)) {
    llvm::errs() << ErrorStream.str();
    return ExitUsage;
  }
  return Merge ? merge() : scan();
}

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
#include "Fixes.h"
#include "JsonFile.h"
#include "JsonReport.h"
#include "OutputFile.h"
#include "Paths.h"
#include "Report.h"
#include "SarifReport.h"
#include "Scan.h"
#include "ScanUnit.h"
#include "ShardFormat.h"
#include "TextReport.h"
#include "UnitProcesses.h"

#include "clang/Driver/Types.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/Threading.h"
#include <chrono>
#include <set>

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

/// Progress on a terminal: files done / total, findings so far, time left. Nothing when the
/// output goes to a log, which gets the one summary line at the end.
class Progress {
public:
  explicit Progress(size_t Total)
      : Total(Total), Enabled(llvm::sys::Process::StandardErrIsDisplayed()),
        Start(std::chrono::steady_clock::now()) {}

  void unitDone(size_t UnitFindings) {
    ++Done;
    Findings += UnitFindings;
    if (!Enabled)
      return;
    const double Elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    const double Left = Elapsed / Done * (Total - Done);
    constexpr unsigned Width = 30;
    const unsigned Filled = Width * Done / Total;
    llvm::errs() << "\r[" << std::string(Filled, '#') << std::string(Width - Filled, ' ') << "] "
                 << Done << '/' << Total << " files, " << Findings << " findings, ETA "
                 << static_cast<unsigned>(Left + 0.5) << "s ";
    llvm::errs().flush();
  }

  /// Clears the bar before the report and the summary are written.
  void clear() {
    if (Enabled)
      llvm::errs() << "\r\033[K";
  }

private:
  const size_t Total;
  const bool Enabled;
  const std::chrono::steady_clock::time_point Start;
  size_t Done = 0, Findings = 0;
};

/// A compilation database without repeated commands: merged databases often list one
/// compile command many times, with the file spelled in different ways (`a.cpp`, `./a.cpp`,
/// `src/../a.cpp`), and each would be a compilation of its own. Commands for one file that
/// differ otherwise (two configurations of a build) all stay.
class UniqueCommands : public clang::tooling::CompilationDatabase {
public:
  explicit UniqueCommands(const clang::tooling::CompilationDatabase &Database)
      : Database(Database) {}

  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    std::vector<clang::tooling::CompileCommand> Unique;
    std::set<std::vector<std::string>> Seen;
    for (clang::tooling::CompileCommand &Command : Database.getCompileCommands(File))
      if (Seen.insert(identity(Command)).second)
        Unique.push_back(std::move(Command));
    return Unique;
  }
  std::vector<std::string> getAllFiles() const override { return Database.getAllFiles(); }

private:
  static std::string resolve(llvm::StringRef Directory, llvm::StringRef Path) {
    llvm::SmallString<256> Abs(Path);
    llvm::sys::fs::make_absolute(Directory, Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    return std::string(Abs);
  }

  /// The command with the directory and the file's spellings made absolute.
  static std::vector<std::string> identity(const clang::tooling::CompileCommand &Command) {
    const std::string File = resolve(Command.Directory, Command.Filename);
    std::vector<std::string> Identity{resolve(Command.Directory, ".")};
    for (const std::string &Argument : Command.CommandLine)
      Identity.push_back(resolve(Command.Directory, Argument) == File ? File : Argument);
    return Identity;
  }

  const clang::tooling::CompilationDatabase &Database;
};

/// The translation units to scan, sorted (so that shards are deterministic), or an error.
llvm::Expected<std::vector<std::string>>
unitsToScan(const clang::tooling::CompilationDatabase &Database, llvm::StringRef DatabaseFile) {
  std::vector<std::string> Units;
  if (Files.empty()) {
    for (const std::string &File : Database.getAllFiles())
      Units.push_back(absolutePath(File));
    if (Units.empty())
      return llvm::createStringError(DatabaseFile + " lists no translation units");
  } else {
    for (const std::string &File : Files) {
      const std::string Abs = absolutePath(File);
      if (Database.getCompileCommands(Abs).empty())
        return llvm::createStringError("'" + File + "' is not in " + DatabaseFile);
      Units.push_back(Abs);
    }
  }
  llvm::sort(Units);
  Units.erase(std::unique(Units.begin(), Units.end()), Units.end());
  return Units;
}

/// Whether clang builds an AST for `File`: not for the assembler, Fortran, LLVM IR or object
/// files that some build systems list in the database, which leaves nothing to check. A file
/// of unknown type is scanned: its compile command may say what it is (`-x c++`).
bool hasAst(llvm::StringRef File) {
  namespace types = clang::driver::types;
  const types::ID Type =
      types::lookupTypeForExtension(llvm::sys::path::extension(File).drop_front());
  return Type == types::TY_INVALID || types::isCXX(Type) || types::isObjC(Type) ||
         types::isOpenCL(Type) || Type == types::TY_C || Type == types::TY_PP_C ||
         Type == types::TY_CHeader || Type == types::TY_PP_CHeader;
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
  if (!llvm::sys::fs::is_directory(BuildDir))
    return usageError("build directory '" + BuildDir + "' does not exist");
  llvm::SmallString<256> DatabaseFile(BuildDir);
  llvm::sys::path::append(DatabaseFile, "compile_commands.json");
  if (!llvm::sys::fs::exists(DatabaseFile))
    return usageError("no compile_commands.json in '" + BuildDir +
                      "' (CMake: -DCMAKE_EXPORT_COMPILE_COMMANDS=ON; make, qmake: bear -- make)");
  std::string LoadError;
  std::unique_ptr<clang::tooling::JSONCompilationDatabase> Database =
      clang::tooling::JSONCompilationDatabase::loadFromFile(
          DatabaseFile, LoadError, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return usageError("cannot read " + DatabaseFile + ": " + LoadError);

  auto Units = unitsToScan(*Database, DatabaseFile);
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
  const UniqueCommands Commands(*Database);
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

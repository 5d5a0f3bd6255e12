//===- PixmapCacheScan.cpp - pixmapcache-scan: whole-project scans --------===//
//
// Reads a compilation database, runs the pixmapcache-* checks on its translation units in
// parallel (each unit through clang-tidy's own machinery, so .clang-tidy files, NOLINT and
// the check options behave as in clang-tidy), adds the findings that only the whole program
// shows (off-thread access across units), and reports them for people or for CI.
// docs/scanner.md is the user documentation.
//
//===----------------------------------------------------------------------===//
#include "Scan.h"

#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/ReplacementsYaml.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/YAMLTraits.h"
#include <atomic>
#include <chrono>
#include <mutex>

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
cl::list<std::string> ShardFiles(cl::Positional, cl::desc("<shard files...>"), cl::sub(Merge),
                                 cl::cat(Category));
#undef BOTH

constexpr int ExitClean = 0, ExitFindings = 1, ExitUsage = 2;

int usageError(const llvm::Twine &Message) {
  llvm::errs() << "pixmapcache-scan: error: " << Message << '\n';
  return ExitUsage;
}

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// Progress on a terminal: files done / total, findings so far, time left. Nothing when the
/// output goes to a log, which gets the one summary line at the end.
class Progress {
public:
  explicit Progress(size_t Total)
      : Total(Total), Enabled(llvm::sys::Process::StandardErrIsDisplayed()),
        Start(std::chrono::steady_clock::now()) {}

  void unitDone(size_t UnitFindings) {
    std::lock_guard<std::mutex> Lock(Mutex);
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
    if (Done == Total)
      llvm::errs() << "\r\033[K";
    llvm::errs().flush();
  }

private:
  const size_t Total;
  const bool Enabled;
  const std::chrono::steady_clock::time_point Start;
  std::mutex Mutex;
  size_t Done = 0, Findings = 0;
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

llvm::Expected<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Spec) {
  auto [I, N] = Spec.split('/');
  unsigned Index, Count;
  if (I.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Count == 0 || Index == 0 ||
      Index > Count)
    return llvm::createStringError("--shard expects I/N with 1 <= I <= N, not '" + Spec + "'");
  return std::make_pair(Index, Count);
}

llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError("cannot read baseline '" + Path +
                                   "': " + Buffer.getError().message());
  auto Doc = llvm::json::parse((*Buffer)->getBuffer());
  if (!Doc)
    return llvm::createStringError("baseline '" + Path +
                                   "' is not JSON: " + llvm::toString(Doc.takeError()));
  const llvm::json::Object *O = Doc->getAsObject();
  const llvm::json::Array *Findings = O ? O->getArray("findings") : nullptr;
  if (!Findings)
    return llvm::createStringError("baseline '" + Path +
                                   "' has no \"findings\" list (write it with --write-baseline)");
  llvm::StringSet<> Fingerprints;
  for (const llvm::json::Value &Entry : *Findings) {
    const llvm::json::Object *E = Entry.getAsObject();
    if (auto Fingerprint = E ? E->getString("fingerprint") : std::nullopt)
      Fingerprints.insert(*Fingerprint);
    else
      return llvm::createStringError("baseline '" + Path +
                                     "': every finding needs a \"fingerprint\"");
  }
  return Fingerprints;
}

/// Writes `Write`'s output to `Path` ("-" or empty: stdout).
llvm::Error writeTo(llvm::StringRef Path, llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  if (Path.empty() || Path == "-") {
    Write(llvm::outs());
    llvm::outs().flush();
    return llvm::Error::success();
  }
  std::error_code EC;
  llvm::ToolOutputFile Out(Path, EC, llvm::sys::fs::OF_TextWithCRLF);
  if (EC)
    return llvm::createStringError("cannot write '" + Path + "': " + EC.message());
  Write(Out.os());
  Out.keep();
  return llvm::Error::success();
}

void writeBaseline(const Report &R, llvm::raw_ostream &OS) {
  llvm::json::Array Findings;
  std::vector<std::string> Sorted = R.AllFingerprints;
  llvm::sort(Sorted);
  for (const std::string &Fingerprint : Sorted)
    Findings.push_back(llvm::json::Object{{"fingerprint", Fingerprint}});
  OS << llvm::formatv("{0:2}",
                      llvm::json::Value(llvm::json::Object{{"pixmapcacheScanBaseline", 1},
                                                           {"findings", std::move(Findings)}}))
     << '\n';
}

/// The fixes of the reported findings, per file, without the ones that overlap an earlier one.
std::map<std::string, clang::tooling::Replacements> collectFixes(const Report &R) {
  std::map<std::string, clang::tooling::Replacements> Fixes;
  for (const Finding &F : R.Findings) {
    std::map<std::string, clang::tooling::Replacements> Trial = Fixes;
    bool Conflict = false;
    for (const clang::tooling::Replacement &Fix : F.Fixes)
      if (llvm::Error E = Trial[Fix.getFilePath().str()].add(Fix)) {
        llvm::consumeError(std::move(E));
        Conflict = true;
      }
    if (Conflict)
      llvm::errs() << "pixmapcache-scan: warning: the fix of " << F.Check << " at " << F.Where.File
                   << ':' << F.Where.Line << " conflicts with another, skipped\n";
    else if (!F.Fixes.empty())
      Fixes = std::move(Trial);
  }
  return Fixes;
}

void exportFixes(const std::map<std::string, clang::tooling::Replacements> &Fixes,
                 llvm::raw_ostream &OS) {
  clang::tooling::TranslationUnitReplacements TUR;
  TUR.MainSourceFile = "";
  for (const auto &[File, Replacements] : Fixes)
    TUR.Replacements.insert(TUR.Replacements.end(), Replacements.begin(), Replacements.end());
  llvm::yaml::Output YAML(OS);
  YAML << TUR;
}

bool applyFixes(const std::map<std::string, clang::tooling::Replacements> &Fixes) {
  bool Ok = true;
  for (const auto &[File, Replacements] : Fixes) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
    llvm::Expected<std::string> Fixed =
        Buffer ? clang::tooling::applyAllReplacements((*Buffer)->getBuffer(), Replacements)
               : llvm::Expected<std::string>(llvm::errorCodeToError(Buffer.getError()));
    if (!Fixed) {
      llvm::errs() << "pixmapcache-scan: error: cannot fix '" << File
                   << "': " << llvm::toString(Fixed.takeError()) << '\n';
      Ok = false;
      continue;
    }
    if (llvm::Error E = writeTo(File, [&](llvm::raw_ostream &OS) { OS << *Fixed; })) {
      llvm::errs() << "pixmapcache-scan: error: " << llvm::toString(std::move(E)) << '\n';
      Ok = false;
    }
  }
  return Ok;
}

/// The report in the chosen format, the side outputs, and the exit code.
int conclude(std::vector<UnitResult> Units) {
  const std::string Root =
      absolutePath(SourceRoot.empty() ? llvm::StringRef(".") : llvm::StringRef(SourceRoot));
  llvm::StringSet<> Baseline;
  if (!BaselineFile.empty()) {
    auto Read = readBaseline(BaselineFile);
    if (!Read)
      return usageError(llvm::toString(Read.takeError()));
    Baseline = std::move(*Read);
  }
  const Report R = finish(std::move(Units), Root, Baseline);

  llvm::Error Written = writeTo(Output, [&](llvm::raw_ostream &OS) {
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
  if (!WriteBaseline.empty())
    if (llvm::Error E =
            writeTo(WriteBaseline, [&](llvm::raw_ostream &OS) { writeBaseline(R, OS); }))
      return usageError(llvm::toString(std::move(E)));
  if (!ExportFixes.empty() || Fix) {
    const auto Fixes = collectFixes(R);
    if (!ExportFixes.empty())
      if (llvm::Error E =
              writeTo(ExportFixes, [&](llvm::raw_ostream &OS) { exportFixes(Fixes, OS); }))
        return usageError(llvm::toString(std::move(E)));
    if (Fix && !applyFixes(Fixes))
      return ExitUsage;
  }

  unsigned Errors = 0, CompileErrors = 0;
  for (const Finding &F : R.Findings) {
    Errors += F.Severity == Level::Error;
    CompileErrors += llvm::StringRef(F.Check).starts_with("clang-diagnostic-");
  }
  auto Count = [](size_t N, const char *What) {
    return std::to_string(N) + " " + What + (N == 1 ? "" : "s");
  };
  llvm::errs() << "pixmapcache-scan: " << Count(R.Units, "translation unit") << ", "
               << Count(R.Findings.size() - CompileErrors, "finding");
  if (R.Suppressed)
    llvm::errs() << " (" << R.Suppressed << " more in the baseline)";
  if (R.FailedUnits)
    llvm::errs() << ", " << R.FailedUnits << " with compile errors";
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
  std::vector<UnitResult> Results(Units->size());
  Progress Bar(Units->size());
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t I = 0; I != Units->size(); ++I)
      Pool.async([&, I] {
        Results[I] = scanUnit(*Database, (*Units)[I], Options);
        Bar.unitDone(Results[I].Findings.size());
      });
    Pool.wait();
  }

  if (ShardSpec) {
    if (llvm::Error E = writeTo(Output, [&](llvm::raw_ostream &OS) {
          OS << llvm::formatv("{0}", unitsToJson(Results)) << '\n';
        }))
      return usageError(llvm::toString(std::move(E)));
    llvm::errs() << "pixmapcache-scan: shard " << ShardSpec->first << '/' << ShardSpec->second
                 << ": " << Results.size() << " translation units written to " << Output << '\n';
    return ExitClean;
  }
  return conclude(std::move(Results));
}

int merge() {
  if (ShardFiles.empty())
    return usageError("merge needs the shard files written by --shard=I/N");
  std::vector<UnitResult> Units;
  for (const std::string &Path : ShardFiles) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Buffer)
      return usageError("cannot read shard '" + Path + "': " + Buffer.getError().message());
    auto Doc = llvm::json::parse((*Buffer)->getBuffer());
    if (!Doc)
      return usageError("shard '" + Path + "' is not JSON: " + llvm::toString(Doc.takeError()));
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

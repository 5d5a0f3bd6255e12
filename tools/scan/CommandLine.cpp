//===- CommandLine.cpp - pixmapcache-scan's command line ------------------===//
//
// The cl::opts of the scan and of `merge`, file-local, copied into a ScanConfig once parsed,
// with the checks that need nothing but the command line. docs/scanner.md documents them.
//
//===----------------------------------------------------------------------===//
#include "CommandLine.h"
#include "Paths.h"
#include "ResultCache.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <forward_list>
#include <optional>
#include <string>

namespace pixmapcache::scan {

namespace cl = llvm::cl;

namespace {

const ScanConfig Defaults;

/// An option's description wrapped to lines of at most 52 characters, so that --help reads
/// as clang-tidy's does: the text in a column of its own next to the options.
llvm::StringRef prose(llvm::StringRef Text) {
  static std::forward_list<std::string> Wrapped; // the descriptions refer to these
  std::string Lines;
  unsigned Width = 0;
  llvm::SmallVector<llvm::StringRef, 16> Words;
  Text.split(Words, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Word : Words) {
    if (Width != 0 && Width + 1 + Word.size() > 52) {
      Lines += '\n';
      Width = 0;
    } else if (Width != 0) {
      Lines += ' ';
      ++Width;
    }
    Lines += Word;
    Width += Word.size();
  }
  return Wrapped.emplace_front(std::move(Lines));
}

cl::OptionCategory Category("pixmapcache-scan options");
cl::SubCommand CacheCommand("cache", "Show the result cache's size (stats) or empty it (clear)");
cl::SubCommand Merge("merge", "Combine the shard files written by --shard=I/N into one report, "
                              "with the cross-TU analysis over all of them");

cl::opt<std::string> BuildDir("p", cl::desc(prose("Build directory with compile_commands.json")),
                              cl::value_desc("build-dir"), cl::cat(Category));
cl::list<std::string> Files(cl::Positional, cl::desc(prose("[files...]")), cl::cat(Category));
cl::opt<unsigned> Jobs("j",
                       cl::desc(prose("Translation units scanned at once (default: all cores)")),
                       cl::Prefix, cl::init(Defaults.Jobs), cl::cat(Category));
cl::opt<std::string> Checks("checks",
                            cl::desc(prose("Check filter applied after the .clang-tidy files, e.g. "
                                           "-checks=-*,pixmapcache-off-thread-access")),
                            cl::cat(Category));
cl::opt<std::string> Shard("shard",
                           cl::desc(prose("Scan shard I of N (1-based) and write a shard file to "
                                          "--output, for `pixmapcache-scan merge`")),
                           cl::value_desc("I/N"), cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc(prose("Apply the fixes of the findings to the sources")),
                  cl::cat(Category));
// clang-tidy's own flags, spelled as clang-tidy spells them.
cl::opt<std::string>
    ConfigText("config",
               cl::desc(prose("A clang-tidy configuration in YAML or JSON, used instead "
                              "of the .clang-tidy files, e.g. "
                              "--config=\"{Checks: 'pixmapcache-*'}\"")),
               cl::cat(Category));
cl::opt<std::string>
    ConfigFile("config-file",
               cl::desc(prose("A clang-tidy configuration file, used instead of the "
                              ".clang-tidy files")),
               cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc(
        prose("Checks whose findings are errors, replacing WarningsAsErrors of the configuration")),
    cl::value_desc("globs"), cl::cat(Category));
cl::opt<std::string> HeaderFilter("header-filter",
                                  cl::desc(prose("Headers whose findings are reported, replacing "
                                                 "HeaderFilterRegex of the configuration")),
                                  cl::value_desc("regex"), cl::cat(Category));
cl::opt<std::string> ExcludeHeaderFilter(
    "exclude-header-filter",
    cl::desc(prose("Headers whose findings are not reported, replacing ExcludeHeaderFilterRegex")),
    cl::value_desc("regex"), cl::cat(Category));
cl::opt<bool> SystemHeaders("system-headers",
                            cl::desc(prose("Report findings in system headers too (replaces "
                                           "SystemHeaders of the configuration)")),
                            cl::cat(Category));
cl::list<std::string> ExtraArgs("extra-arg",
                                cl::desc(prose("A compiler argument to append to each command")),
                                cl::cat(Category));
cl::list<std::string>
    ExtraArgsBefore("extra-arg-before",
                    cl::desc(prose("A compiler argument to prepend to each command")),
                    cl::cat(Category));
cl::opt<std::string>
    LineFilter("line-filter",
               cl::desc(prose("Report only findings on these lines, as clang-tidy's "
                              "--line-filter: [{\"name\":\"file.cpp\","
                              "\"lines\":[[1,3]]}]")),
               cl::value_desc("json"), cl::cat(Category));
cl::opt<bool>
    ListChecks("list-checks",
               cl::desc(prose("List the enabled checks (for the current directory, or the "
                              "first file given) and exit")),
               cl::cat(Category));
cl::opt<bool> DumpConfig("dump-config",
                         cl::desc(prose("Print the configuration in effect (for the current "
                                        "directory, or the first file given) and exit")),
                         cl::cat(Category));
cl::opt<bool> VerifyConfig("verify-config",
                           cl::desc(prose("Check the configuration of every unit (or of the "
                                          "file given) for files that do not parse, unknown "
                                          "options and values the checks cannot use, and "
                                          "exit: 0 without problems, 1 with some")),
                           cl::cat(Category));
cl::opt<bool> ExplainConfig("explain-config",
                            cl::desc(prose("Say for each enabled check which configuration enables "
                                           "it, and exit")),
                            cl::cat(Category));

// LLVM's own `-h` (a default alias of --help) takes any flag that starts with `h`
// (--header-flter=...) for a request for help, which exits 0 without scanning: a misspelt
// flag must never look like success. This `-h` takes its place and matches only itself.
cl::opt<bool> ShortHelp("h", cl::desc(prose("Alias for --help")), cl::Hidden, cl::cat(Category),
                        cl::sub(cl::SubCommand::getAll()));

cl::opt<unsigned> UnitTimeout("unit-timeout",
                              cl::desc(prose("Stop the scan of a translation unit after this many "
                                             "seconds and report it as an error (0: no limit)")),
                              cl::value_desc("seconds"), cl::init(Defaults.UnitTimeout),
                              cl::cat(Category));

// Options of both the scan and the merge.
#define BOTH cl::sub(cl::SubCommand::getTopLevel()), cl::sub(Merge), cl::cat(Category)
cl::opt<ReportFormat>
    OutputFormat("format", cl::desc(prose("Output format")), cl::init(Defaults.Format),
                 cl::values(clEnumValN(ReportFormat::Text, "text", "clang-style text"),
                            clEnumValN(ReportFormat::Json, "json", "JSON"),
                            clEnumValN(ReportFormat::Sarif, "sarif", "SARIF 2.1.0"),
                            clEnumValN(ReportFormat::CodeClimate, "codeclimate",
                                       "GitLab Code Quality (Code Climate JSON)"),
                            clEnumValN(ReportFormat::JUnit, "junit", "JUnit XML")),
                 BOTH);
cl::opt<std::string> Output("o", cl::desc(prose("Write the report to this file (default: stdout)")),
                            cl::value_desc("file"), BOTH);
cl::alias OutputLong("output", cl::aliasopt(Output), cl::desc(prose("Alias for -o")));
cl::opt<std::string>
    SourceRoot("source-root",
               cl::desc(prose("Root that paths and fingerprints are relative to "
                              "(%SRCROOT% in SARIF; default: the current directory)")),
               cl::value_desc("dir"), BOTH);
cl::opt<std::string> BaselineFile("baseline",
                                  cl::desc(prose("Do not report findings saved in this baseline")),
                                  cl::value_desc("file"), BOTH);
cl::opt<std::string>
    WriteBaseline("write-baseline",
                  cl::desc(prose("Save the fingerprints of all findings as a baseline")),
                  cl::value_desc("file"), BOTH);
cl::opt<std::string> ExportFixes("export-fixes",
                                 cl::desc(prose("Write the fixes as clang-tidy --export-fixes "
                                                "writes them (YAML for clang-apply-replacements)")),
                                 cl::value_desc("file"), BOTH);
cl::opt<FailOn>
    FailOnLevel("fail-on", cl::desc(prose("Exit with 1 when a finding has at least this level")),
                cl::init(Defaults.FailOnLevel),
                cl::values(clEnumValN(FailOn::Warning, "warning", "any finding (default)"),
                           clEnumValN(FailOn::Error, "error",
                                      "errors only: WarningsAsErrors findings and compile errors"),
                           clEnumValN(FailOn::None, "none", "never")),
                BOTH);
cl::opt<bool>
    UseColor("use-color",
             cl::desc(prose("Colour the text report as clang does (--use-color=false: never; "
                            "default: on a terminal, unless NO_COLOR is set)")),
             BOTH);
cl::opt<bool> Quiet("quiet",
                    cl::desc(prose("No progress, notes or summary on stderr; only errors")), BOTH);
cl::opt<bool> OverridesAcrossUnits(
    "overrides-across-units",
    cl::desc(prose(
        "Let a virtual call reached on a worker thread run the overrides defined in other "
        "translation units too (default: only those its own unit defines, as in clang-tidy)")),
    BOTH);
cl::opt<bool> UseCache("cache",
                       cl::desc(prose("Reuse the results of units that did not change since an "
                                      "earlier scan, kept in --cache-dir (default: "
                                      "$XDG_CACHE_HOME/pixmapcache-scan)")),
                       cl::cat(Category));
cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc(prose("The result cache's directory; implies --cache")),
                              cl::value_desc("dir"), cl::sub(cl::SubCommand::getTopLevel()),
                              cl::sub(CacheCommand), cl::cat(Category));
cl::opt<std::string> CacheMaxSize("cache-max-size",
                                  cl::desc(prose("Bound of the result cache, e.g. 500M or 2G; "
                                                 "the entries used least recently go first "
                                                 "(default: 1G)")),
                                  cl::value_desc("size"), cl::init("1G"), cl::cat(Category));
cl::opt<std::string> CacheAction(cl::Positional, cl::desc("stats|clear"), cl::Required,
                                 cl::sub(CacheCommand), cl::cat(Category));
cl::opt<std::string> DiffRevision(
    "diff",
    cl::desc(prose("Report only the findings on lines changed since this git revision, "
                   "e.g. --diff=origin/main; the other units come from the result cache "
                   "(implies --cache)")),
    cl::value_desc("rev"), cl::cat(Category));
cl::opt<std::string> DiffFile("diff-file",
                              cl::desc(prose("As --diff, with the changes of this unified diff "
                                             "(paths relative to --source-root)")),
                              cl::value_desc("patch"), cl::cat(Category));
enum class DiffReport { Lines, All };
cl::opt<DiffReport> DiffReportScope(
    "diff-report", cl::desc(prose("What --diff reports")), cl::init(DiffReport::Lines),
    cl::values(clEnumValN(DiffReport::Lines, "lines", "findings on changed lines (default)"),
               clEnumValN(DiffReport::All, "all", "every finding of the units the change affects")),
    cl::cat(Category));
cl::list<std::string> ShardFiles(cl::Positional, cl::desc(prose("<shard files...>")),
                                 cl::sub(Merge), cl::cat(Category));
#undef BOTH

cl::extrahelp Usage(R"(
-p <build-dir> is the directory of compile_commands.json (CMake:
-DCMAKE_EXPORT_COMPILE_COMMANDS=ON; make or qmake: bear -- make). Each
translation unit is scanned in a process of its own; the cross-TU pass of
pixmapcache-off-thread-access then runs over all of them.

[files...] are files of the database, or regular expressions searched in the
paths of its units, as run-clang-tidy takes them. Without files every unit of
the database is scanned.

Configuration files:
  As clang-tidy does, pixmapcache-scan reads each unit's configuration from the
  nearest .clang-tidy file in the unit's directory or above it. --config and
  --config-file are used instead of those files; --checks, --warnings-as-errors
  and the header filters apply over them. Only the pixmapcache-* checks run.

Exit status:
  0    no finding at or above --fail-on
  1    findings at or above --fail-on (default: any finding, compile errors
       included)
  2    a usage or input error: an unknown flag, a bad value, a missing or
       malformed compile_commands.json, an unreadable baseline or shard, an
       output that cannot be written
  130  interrupted: the report of the units done so far, marked incomplete
)");

} // namespace

int usageError(const llvm::Twine &Message) {
  llvm::errs() << "pixmapcache-scan: error: " << Message << '\n';
  return ExitUsage;
}

/// The value of a flag given on the command line, nothing where it is not given.
std::optional<std::string> given(const cl::opt<std::string> &Flag) {
  return Flag.getNumOccurrences() ? std::optional<std::string>(Flag) : std::nullopt;
}

std::optional<ScanConfig> parseCommandLine(int argc, char **argv) {
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "pixmapcache-scan " << PIXMAPCACHE_VERSION << " (LLVM " << LLVM_VERSION_STRING << ")\n";
  });
  std::string Errors;
  llvm::raw_string_ostream ErrorStream(Errors);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "pixmapcache-scan: runs the pixmapcache-* checks over a whole project\n\n"
          "  pixmapcache-scan -p BUILD_DIR [options] [files...]\n"
          "  pixmapcache-scan merge [options] SHARD_FILE...\n",
          &ErrorStream)) {
    llvm::errs() << ErrorStream.str();
    return std::nullopt;
  }

  if (ShortHelp) {
    cl::PrintHelpMessage(/*Hidden=*/false, /*Categorized=*/true);
    std::exit(ExitClean);
  }

  ScanConfig Config;
  Config.Merge = static_cast<bool>(Merge);
  Config.BuildDir = BuildDir;
  Config.Files.assign(Files.begin(), Files.end());
  Config.Jobs = Jobs;
  Config.Checks = Checks;
  Config.Shard = Shard;
  Config.Fix = Fix;
  Config.UnitTimeout = UnitTimeout;
  Config.Format = OutputFormat;
  Config.Output = Output;
  Config.SourceRoot =
      absolutePath(SourceRoot.empty() ? llvm::StringRef(".") : llvm::StringRef(SourceRoot));
  Config.Baseline = BaselineFile;
  Config.WriteBaseline = WriteBaseline;
  Config.ExportFixes = ExportFixes;
  Config.FailOnLevel = FailOnLevel;
  Config.OverridesAcrossUnits = OverridesAcrossUnits;
  Config.ConfigText = ConfigText;
  Config.ConfigFile = ConfigFile;
  Config.WarningsAsErrors = given(WarningsAsErrors);
  Config.HeaderFilter = given(HeaderFilter);
  Config.ExcludeHeaderFilter = given(ExcludeHeaderFilter);
  if (SystemHeaders.getNumOccurrences())
    Config.SystemHeaders = SystemHeaders;
  Config.ExtraArgs.assign(ExtraArgs.begin(), ExtraArgs.end());
  Config.ExtraArgsBefore.assign(ExtraArgsBefore.begin(), ExtraArgsBefore.end());
  Config.LineFilter = LineFilter;
  Config.ListChecks = ListChecks;
  Config.DumpConfig = DumpConfig;
  Config.ExplainConfig = ExplainConfig;
  Config.VerifyConfig = VerifyConfig;
  Config.Quiet = Quiet;
  if (UseColor.getNumOccurrences())
    Config.UseColor = UseColor;
  Config.ShardFiles.assign(ShardFiles.begin(), ShardFiles.end());
  if (CacheCommand) {
    Config.CacheAction = CacheAction;
    if (Config.CacheAction != "stats" && Config.CacheAction != "clear") {
      usageError("cache takes 'stats' or 'clear', not '" + Config.CacheAction + "'");
      return std::nullopt;
    }
  }
  Config.DiffRevision = DiffRevision;
  Config.DiffFile = DiffFile;
  Config.DiffWholeUnits = DiffReportScope == DiffReport::All;
  const bool Diff = !Config.DiffRevision.empty() || !Config.DiffFile.empty();
  if (!Config.DiffRevision.empty() && !Config.DiffFile.empty()) {
    usageError("--diff and --diff-file exclude each other");
    return std::nullopt;
  }
  if (Diff && !Config.WriteBaseline.empty()) {
    usageError("--write-baseline saves every finding of the project: it takes no --diff");
    return std::nullopt;
  }
  if (DiffReportScope.getNumOccurrences() && !Diff) {
    usageError("--diff-report needs --diff or --diff-file");
    return std::nullopt;
  }
  if (!CacheDir.empty())
    Config.CacheDirectory = CacheDir;
  else if (UseCache || CacheCommand || Diff)
    Config.CacheDirectory = defaultCacheDirectory();
  if (std::optional<uint64_t> Bytes = parseCacheSize(CacheMaxSize))
    Config.CacheMaxBytes = *Bytes;
  else {
    usageError("--cache-max-size expects a size such as 500M or 2G, not '" + CacheMaxSize + "'");
    return std::nullopt;
  }
  if ((UseCache || !CacheDir.empty() || Diff) && Config.CacheDirectory.empty()) {
    usageError("the result cache (--cache, --diff) needs a directory: give --cache-dir, or set "
               "XDG_CACHE_HOME or HOME");
    return std::nullopt;
  }

  if (Config.Merge && Config.ShardFiles.empty()) {
    usageError("merge needs the shard files written by --shard=I/N");
    return std::nullopt;
  }
  if (!Config.Merge && Config.CacheAction.empty() && Config.BuildDir.empty() &&
      !Config.ListChecks && !Config.DumpConfig && !Config.ExplainConfig && !Config.VerifyConfig) {
    usageError("-p BUILD_DIR is required (the directory of compile_commands.json)");
    return std::nullopt;
  }
  return Config;
}

llvm::Expected<std::optional<ShardSpec>> selectedShard(const ScanConfig &Config) {
  if (Config.Shard.empty())
    return std::nullopt;
  auto [I, N] = llvm::StringRef(Config.Shard).split('/');
  ShardSpec Spec;
  if (I.getAsInteger(10, Spec.Index) || N.getAsInteger(10, Spec.Count) || Spec.Count == 0 ||
      Spec.Index == 0 || Spec.Index > Spec.Count)
    return llvm::createStringError("--shard expects I/N with 1 <= I <= N, not '" +
                                   llvm::Twine(Config.Shard) + "'");
  if (Config.Output.empty() || Config.Fix || !Config.ExportFixes.empty() ||
      !Config.Baseline.empty() || !Config.WriteBaseline.empty())
    return llvm::createStringError(
        llvm::Twine("--shard writes a shard file to --output and takes no --fix, "
                    "--export-fixes or baseline options: give those to `merge`"));
  return Spec;
}

} // namespace pixmapcache::scan

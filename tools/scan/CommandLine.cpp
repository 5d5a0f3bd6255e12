//===- CommandLine.cpp - pixmapcache-scan's command line ------------------===//
//
// The cl::opts of the scan and of `merge`, file-local, copied into a ScanConfig once parsed,
// with the checks that need nothing but the command line. docs/scanner.md documents them.
//
//===----------------------------------------------------------------------===//
#include "CommandLine.h"
#include "Paths.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <optional>
#include <string>

namespace pixmapcache::scan {

namespace cl = llvm::cl;

namespace {

const ScanConfig Defaults;

cl::OptionCategory Category("pixmapcache-scan options");
cl::SubCommand Merge("merge", "Combine the shard files written by --shard=I/N into one report, "
                              "with the cross-TU analysis over all of them");

cl::opt<std::string> BuildDir("p", cl::desc("Build directory with compile_commands.json"),
                              cl::value_desc("build-dir"), cl::cat(Category));
cl::list<std::string> Files(cl::Positional, cl::desc("[files...]"), cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Translation units scanned at once (default: all cores)"),
                       cl::Prefix, cl::init(Defaults.Jobs), cl::cat(Category));
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
// clang-tidy's own flags, spelled as clang-tidy spells them.
cl::opt<std::string> ConfigText("config",
                                cl::desc("A clang-tidy configuration in YAML or JSON, used instead "
                                         "of the .clang-tidy files, e.g. "
                                         "--config=\"{Checks: 'pixmapcache-*'}\""),
                                cl::cat(Category));
cl::opt<std::string> ConfigFile("config-file",
                                cl::desc("A clang-tidy configuration file, used instead of the "
                                         ".clang-tidy files"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Checks whose findings are errors, replacing WarningsAsErrors of the configuration"),
    cl::value_desc("globs"), cl::cat(Category));
cl::opt<std::string> HeaderFilter("header-filter",
                                  cl::desc("Headers whose findings are reported, replacing "
                                           "HeaderFilterRegex of the configuration"),
                                  cl::value_desc("regex"), cl::cat(Category));
cl::opt<std::string> ExcludeHeaderFilter(
    "exclude-header-filter",
    cl::desc("Headers whose findings are not reported, replacing ExcludeHeaderFilterRegex"),
    cl::value_desc("regex"), cl::cat(Category));
cl::opt<bool> SystemHeaders("system-headers",
                            cl::desc("Report findings in system headers too (replaces "
                                     "SystemHeaders of the configuration)"),
                            cl::cat(Category));
cl::list<std::string> ExtraArgs("extra-arg",
                                cl::desc("A compiler argument to append to each command"),
                                cl::cat(Category));
cl::list<std::string> ExtraArgsBefore("extra-arg-before",
                                      cl::desc("A compiler argument to prepend to each command"),
                                      cl::cat(Category));
cl::opt<std::string> LineFilter("line-filter",
                                cl::desc("Report only findings on these lines, as clang-tidy's "
                                         "--line-filter: [{\"name\":\"file.cpp\","
                                         "\"lines\":[[1,3]]}]"),
                                cl::value_desc("json"), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the enabled checks (for the current directory, or the "
                                  "first file given) and exit"),
                         cl::cat(Category));
cl::opt<bool> DumpConfig("dump-config",
                         cl::desc("Print the configuration in effect (for the current "
                                  "directory, or the first file given) and exit"),
                         cl::cat(Category));

// LLVM's own `-h` (a default alias of --help) takes any flag that starts with `h`
// (--header-flter=...) for a request for help, which exits 0 without scanning: a misspelt
// flag must never look like success. This `-h` takes its place and matches only itself.
cl::opt<bool> ShortHelp("h", cl::desc("Alias for --help"), cl::Hidden, cl::cat(Category),
                        cl::sub(cl::SubCommand::getAll()));

cl::opt<unsigned> UnitTimeout("unit-timeout",
                              cl::desc("Stop the scan of a translation unit after this many "
                                       "seconds and report it as an error (0: no limit)"),
                              cl::value_desc("seconds"), cl::init(Defaults.UnitTimeout),
                              cl::cat(Category));

// Options of both the scan and the merge.
#define BOTH cl::sub(cl::SubCommand::getTopLevel()), cl::sub(Merge), cl::cat(Category)
cl::opt<ReportFormat>
    OutputFormat("format", cl::desc("Output format"), cl::init(Defaults.Format),
                 cl::values(clEnumValN(ReportFormat::Text, "text", "clang-style text"),
                            clEnumValN(ReportFormat::Json, "json", "JSON"),
                            clEnumValN(ReportFormat::Sarif, "sarif", "SARIF 2.1.0"),
                            clEnumValN(ReportFormat::CodeClimate, "codeclimate",
                                       "GitLab Code Quality (Code Climate JSON)"),
                            clEnumValN(ReportFormat::JUnit, "junit", "JUnit XML")),
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
                cl::init(Defaults.FailOnLevel),
                cl::values(clEnumValN(FailOn::Warning, "warning", "any finding (default)"),
                           clEnumValN(FailOn::Error, "error",
                                      "errors only: WarningsAsErrors findings and compile errors"),
                           clEnumValN(FailOn::None, "none", "never")),
                BOTH);
cl::opt<bool> UseColor("use-color",
                       cl::desc("Colour the text report as clang does (--use-color=false: never; "
                                "default: on a terminal, unless NO_COLOR is set)"),
                       BOTH);
cl::opt<bool> Quiet("quiet", cl::desc("No progress, notes or summary on stderr; only errors"),
                    BOTH);
cl::opt<bool> OverridesAcrossUnits(
    "overrides-across-units",
    cl::desc("Let a virtual call reached on a worker thread run the overrides defined in other "
             "translation units too (default: only those its own unit defines, as in clang-tidy)"),
    BOTH);
cl::list<std::string> ShardFiles(cl::Positional, cl::desc("<shard files...>"), cl::sub(Merge),
                                 cl::cat(Category));
#undef BOTH

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
  Config.Quiet = Quiet;
  if (UseColor.getNumOccurrences())
    Config.UseColor = UseColor;
  Config.ShardFiles.assign(ShardFiles.begin(), ShardFiles.end());

  if (Config.Merge && Config.ShardFiles.empty()) {
    usageError("merge needs the shard files written by --shard=I/N");
    return std::nullopt;
  }
  if (!Config.Merge && Config.BuildDir.empty() && !Config.ListChecks && !Config.DumpConfig) {
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

//===- Outputs.cpp - the outputs of a scan or merge, and its exit code ----===//
//
// Combines the unit results into the report (baseline applied), writes it and the side
// outputs (--write-baseline, --export-fixes, --fix), prints the summary line and decides the
// exit code from --fail-on.
//
//===----------------------------------------------------------------------===//
#include "Outputs.h"
#include "Baseline.h"
#include "CodeClimateReport.h"
#include "CommandLine.h"
#include "Counted.h"
#include "Fixes.h"
#include "JUnitReport.h"
#include "JsonReport.h"
#include "OutputFile.h"
#include "Report.h"
#include "SarifReport.h"
#include "Scan.h"
#include "TextReport.h"
#include "off-thread-access/ThreadCallGraph.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"
#include <cstddef>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace pixmapcache::scan {

namespace {

/// --use-color, or as clang-tidy decides without it: colours when the report goes to a
/// terminal; and not when NO_COLOR is set (no-color.org).
bool useColor(const ScanConfig &Config) {
  if (Config.UseColor)
    return *Config.UseColor;
  return (Config.Output.empty() || Config.Output == "-") && llvm::outs().is_displayed() &&
         !std::getenv("NO_COLOR");
}

void writeReport(const Report &R, const ScanConfig &Config, llvm::raw_ostream &OS) {
  const std::string &Root = Config.SourceRoot;
  switch (Config.Format) {
  case ReportFormat::Text:
    writeText(R, Root, useColor(Config), OS);
    break;
  case ReportFormat::Json:
    writeJson(R, Root, OS);
    break;
  case ReportFormat::Sarif:
    writeSarif(R, Root, OS);
    break;
  case ReportFormat::CodeClimate:
    writeCodeClimate(R, Root, OS);
    break;
  case ReportFormat::JUnit:
    writeJUnit(R, Root, OS);
    break;
  }
}

/// "pixmapcache-scan: 12 translation units, 3 findings (1 more in the baseline), 1 with
/// compile errors, 1 crashed, 1 timed out" on stderr. Compile errors and scanner faults are
/// counted by unit, not as findings.
void printSummary(const Report &R) {
  unsigned Incomplete = 0;
  llvm::StringSet<> Crashed, TimedOut;
  for (const Finding &F : R.Findings) {
    Incomplete += isIncompleteScan(F);
    if (F.Check == ScanCrashCheck || F.Check == ScanFailureCheck)
      Crashed.insert(F.Where.File);
    else if (F.Check == ScanTimeoutCheck)
      TimedOut.insert(F.Where.File);
  }
  llvm::errs() << "pixmapcache-scan: " << counted(R.Units, "translation unit") << ", "
               << counted(R.Findings.size() - Incomplete, "finding");
  if (R.Suppressed)
    llvm::errs() << " (" << R.Suppressed << " more in the baseline)";
  if (R.OutsideDiff)
    llvm::errs() << " (" << R.OutsideDiff << " more outside the change)";
  if (unsigned CompileFailures = R.FailedUnits - Crashed.size() - TimedOut.size())
    llvm::errs() << ", " << CompileFailures << " with compile errors";
  if (!Crashed.empty())
    llvm::errs() << ", " << Crashed.size() << " crashed";
  if (!TimedOut.empty())
    llvm::errs() << ", " << TimedOut.size() << " timed out";
  llvm::errs() << '\n';
}

/// Whether the report has a finding at --fail-on's level or above.
bool fails(const Report &R, FailOn Threshold) {
  switch (Threshold) {
  case FailOn::Warning:
    return !R.Findings.empty();
  case FailOn::Error:
    return llvm::any_of(R.Findings, [](const Finding &F) { return F.Severity == Level::Error; });
  case FailOn::None:
    return false;
  }
  llvm_unreachable("unknown --fail-on level");
}

} // namespace

int conclude(const ScanConfig &Config, std::vector<UnitResult> Units, const Baseline &Accepted,
             unsigned Unscanned, const DiffScope *Diff) {
  const std::string &Root = Config.SourceRoot;
  Report R =
      finish(std::move(Units), Root, Accepted,
             Config.OverridesAcrossUnits ? clang::tidy::pixmapcache::OverrideScope::AllUnits
                                         : clang::tidy::pixmapcache::OverrideScope::CallingUnit,
             Diff);
  R.Unscanned = Unscanned;

  if (llvm::Error E = writeOutputFile(Config.Output,
                                      [&](llvm::raw_ostream &OS) { writeReport(R, Config, OS); }))
    return usageError(llvm::toString(std::move(E)));
  if (Unscanned) {
    llvm::errs() << "pixmapcache-scan: interrupted: " << R.Units << " of " << R.Units + Unscanned
                 << " translation units scanned; the report has their findings"
                 << (Config.WriteBaseline.empty() && Config.ExportFixes.empty() && !Config.Fix
                         ? ""
                         : ", no baseline or fixes are written")
                 << '\n';
    return ExitInterrupted;
  }
  if (!Config.WriteBaseline.empty())
    if (llvm::Error E = writeOutputFile(Config.WriteBaseline, [&](llvm::raw_ostream &OS) {
          writeBaseline(R, Config.WriteBaseline, Root, OS);
        }))
      return usageError(llvm::toString(std::move(E)));
  if (!Config.ExportFixes.empty() || Config.Fix) {
    const FixesByFile Fixes = collectFixes(R);
    if (!Config.ExportFixes.empty())
      if (llvm::Error E = writeOutputFile(
              Config.ExportFixes, [&](llvm::raw_ostream &OS) { exportFixes(R, Fixes, OS); }))
        return usageError(llvm::toString(std::move(E)));
    if (Config.Fix && !applyFixes(Fixes))
      return ExitUsage;
  }

  if (!Config.Quiet)
    printSummary(R);
  return fails(R, Config.FailOnLevel) ? ExitFindings : ExitClean;
}

} // namespace pixmapcache::scan

//===- CrossTU.cpp - the off-thread analysis over the whole program -------===//
//
// Each unit's clang-tidy run already reports what its own call graph shows. Merging the
// thread summaries of all units (ThreadReachability keys functions by USR, so a function
// called in a.cpp and defined in b.cpp is one node) shows the rest: uses reached only through
// calls that leave their unit. Those are reported here, worded as the check words them.
//
//===----------------------------------------------------------------------===//
#include "CrossTU.h"
#include "Scan.h"
#include "off-thread-access/ThreadCallGraph.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace pixmapcache::scan {

using namespace clang::tidy::pixmapcache;

namespace {

std::string siteKey(const Position &P) { return P.File + ":" + std::to_string(P.Offset); }

/// The check's wording, at the positions of the units that hold each part of the path.
Finding describe(const OffThreadFinding &Found, llvm::ArrayRef<const UnitThreads *> Units) {
  auto Site = [&](SummarySite At) { return Units[At.Summary]->Sites[At.Site]; };
  const OffThreadReport Report = describeOffThreadFinding(Found);
  Finding F;
  F.Check = "pixmapcache-off-thread-access";
  F.Severity = Units[Report.Where.Summary]->FindingsAreErrors ? Level::Error : Level::Warning;
  F.Where = Site(Report.Where);
  F.Message = Report.Message;
  for (const OffThreadNote &Note : Report.Notes)
    F.Notes.push_back({Note.Text, Site(Note.Where)});
  return F;
}

} // namespace

std::vector<Finding> crossUnitFindings(llvm::ArrayRef<UnitResult> Results,
                                       OverrideScope Overrides) {
  std::vector<const UnitThreads *> Units;
  std::vector<const ThreadSummary *> Summaries;
  for (const UnitResult &R : Results)
    if (R.Threads) {
      Units.push_back(&*R.Threads);
      Summaries.push_back(&R.Threads->Summary);
    }

  // What each unit's own run of the check reported already, as a finding or as a note.
  llvm::StringSet<> Reported;
  for (unsigned I = 0; I != Units.size(); ++I) {
    const ThreadSummary *One[] = {Summaries[I]};
    for (const OffThreadUse &Use : ThreadReachability(One).offThreadUses(ReportedPathTailSteps))
      Reported.insert(siteKey(Units[I]->Sites[Use.Use->Site]));
  }

  std::vector<Finding> Findings;
  for (const OffThreadFinding &Found : groupOffThreadUses(
           ThreadReachability(Summaries, Overrides).offThreadUses(ReportedPathTailSteps),
           [&](unsigned Summary) { return Units[Summary]->Grouping; },
           [&](unsigned Summary, const GuiUseFact &Use) {
             return Reported.insert(siteKey(Units[Summary]->Sites[Use.Site])).second;
           }))
    Findings.push_back(describe(Found, Units));
  return Findings;
}

} // namespace pixmapcache::scan

//===- Report.cpp - all unit results combined into one report -------------===//
//
// Sorts and deduplicates the findings of all units plus the cross-TU ones, gives each a
// fingerprint that survives code moving (check, file, normalised line, message, occurrence)
// and leaves out the findings of the baseline.
//
//===----------------------------------------------------------------------===//
#include "Report.h"
#include "CrossTU.h"
#include "Paths.h"
#include "Scan.h"
#include "off-thread-access/ThreadCallGraph.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/SHA256.h"
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace pixmapcache::scan {

namespace {

std::string fingerprintBase(const Finding &F, llvm::StringRef SourceRoot) {
  llvm::SHA256 Hash;
  const std::string File = displayPath(F.Where.File, SourceRoot);
  for (llvm::StringRef Part : {llvm::StringRef(F.Check), llvm::StringRef(File),
                               llvm::StringRef(F.LineText), llvm::StringRef(F.Message)}) {
    Hash.update(Part);
    Hash.update(llvm::ArrayRef<uint8_t>{0});
  }
  return llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
}

auto sortKey(const Finding &F) {
  return std::tie(F.Where.File, F.Where.Line, F.Where.Column, F.Check, F.Message, F.Where.Offset);
}

} // namespace

Report finish(std::vector<UnitResult> Units, llvm::StringRef SourceRoot, const Baseline &Accepted,
              clang::tidy::pixmapcache::OverrideScope Overrides, const DiffScope *Diff) {
  Report R;
  std::vector<Finding> All = crossUnitFindings(Units, Overrides);
  if (Diff)
    R.OutsideDiff = Diff->narrow(Units, All);
  for (UnitResult &U : Units) {
    ++R.Units;
    R.FailedUnits += U.Failed;
    std::move(U.Findings.begin(), U.Findings.end(), std::back_inserter(All));
  }
  // A finding in a header shows up once for every unit that includes it.
  llvm::sort(All, [](const Finding &A, const Finding &B) {
    return std::tie(A.Where.File, A.Where.Offset, A.Check, A.Message, A.Where.Line) <
           std::tie(B.Where.File, B.Where.Offset, B.Check, B.Message, B.Where.Line);
  });
  All.erase(std::unique(All.begin(), All.end(),
                        [](const Finding &A, const Finding &B) {
                          return A.Where.File == B.Where.File && A.Where.Offset == B.Where.Offset &&
                                 A.Check == B.Check && A.Message == B.Message;
                        }),
            All.end());
  llvm::sort(All, [](const Finding &A, const Finding &B) { return sortKey(A) < sortKey(B); });

  // Identical findings on identical lines of one file are told apart by their order. The
  // baseline is matched with the root it was written with, so that it holds from any working
  // directory and after the checkout moved.
  const llvm::StringRef AcceptedRoot = Accepted.Root.empty() ? SourceRoot : Accepted.Root;
  std::map<std::string, unsigned> Occurrences, AcceptedOccurrences;
  for (Finding &F : All) {
    const std::string Base = fingerprintBase(F, SourceRoot);
    F.Fingerprint = Base + ":" + std::to_string(++Occurrences[Base]);
    std::string AsAccepted = F.Fingerprint;
    if (AcceptedRoot != SourceRoot) {
      const std::string AcceptedBase = fingerprintBase(F, AcceptedRoot);
      AsAccepted = AcceptedBase + ":" + std::to_string(++AcceptedOccurrences[AcceptedBase]);
    }
    const bool Baselinable = !isIncompleteScan(F);
    if (Baselinable)
      R.AllFingerprints.push_back(F.Fingerprint);
    if (Baselinable && Accepted.Fingerprints.contains(AsAccepted))
      ++R.Suppressed;
    else
      R.Findings.push_back(std::move(F));
  }
  return R;
}

} // namespace pixmapcache::scan

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

/// Marks as accepted the findings of one fingerprint base (`Indices` into `All`, in file
/// order) that the baseline's entries of that base (`Contexts`) account for: first those whose
/// surroundings an entry has (so that a new finding identical to an accepted one is the one
/// reported, wherever it was added), then, for the entries left, the first in order.
void acceptIdentical(llvm::ArrayRef<Finding> All, llvm::ArrayRef<size_t> Indices,
                     std::vector<std::string> Contexts, std::vector<bool> &Suppressed) {
  for (size_t I : Indices) {
    auto Match = llvm::find(Contexts, All[I].Context);
    if (All[I].Context.empty() || Match == Contexts.end())
      continue;
    Contexts.erase(Match);
    Suppressed[I] = true;
  }
  for (size_t I : Indices) {
    if (Contexts.empty())
      break;
    if (Suppressed[I])
      continue;
    Contexts.pop_back();
    Suppressed[I] = true;
  }
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
  std::map<std::string, unsigned> Occurrences;
  // The baselinable findings by fingerprint base as the baseline hashes it, in file order.
  std::map<std::string, std::vector<size_t>> ByAcceptedBase;
  for (size_t I = 0; I != All.size(); ++I) {
    Finding &F = All[I];
    const std::string Base = fingerprintBase(F, SourceRoot);
    F.Fingerprint = Base + ":" + std::to_string(++Occurrences[Base]);
    if (isIncompleteScan(F))
      continue;
    R.Baselinable.push_back({F.Fingerprint, F.Context});
    ByAcceptedBase[AcceptedRoot == SourceRoot ? Base : fingerprintBase(F, AcceptedRoot)].push_back(
        I);
  }
  std::vector<bool> Suppressed(All.size(), false);
  for (const auto &[Base, Indices] : ByAcceptedBase)
    if (auto Entries = Accepted.Occurrences.find(Base); Entries != Accepted.Occurrences.end())
      acceptIdentical(All, Indices, Entries->second, Suppressed);
  for (size_t I = 0; I != All.size(); ++I) {
    if (Suppressed[I])
      ++R.Suppressed;
    else
      R.Findings.push_back(std::move(All[I]));
  }
  return R;
}

} // namespace pixmapcache::scan

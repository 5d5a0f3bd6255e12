//===- JsonReport.cpp - --format=json: the report as a JSON document ------===//
//
// {"version": 1, the unit counts, "findings": [...]}, each finding with its location
// relative to the source root, its fingerprint and its notes.
//
//===----------------------------------------------------------------------===//
#include "JsonReport.h"
#include "Paths.h"
#include "Report.h"
#include "Scan.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <utility>

namespace pixmapcache::scan {

namespace {

llvm::json::Object jsonLocation(const Position &P, llvm::StringRef SourceRoot) {
  return llvm::json::Object{
      {"file", displayPath(P.File, SourceRoot)}, {"line", P.Line}, {"column", P.Column}};
}

} // namespace

void writeJson(const Report &R, llvm::StringRef SourceRoot, llvm::raw_ostream &OS) {
  llvm::json::Array Findings;
  for (const Finding &F : R.Findings) {
    llvm::json::Array Notes;
    for (const Note &N : F.Notes) {
      llvm::json::Object Entry = jsonLocation(N.Where, SourceRoot);
      Entry["message"] = N.Message;
      Notes.push_back(std::move(Entry));
    }
    llvm::json::Object Entry = jsonLocation(F.Where, SourceRoot);
    Entry["check"] = F.Check;
    Entry["level"] = levelName(F.Severity);
    Entry["message"] = F.Message;
    Entry["fingerprint"] = F.Fingerprint;
    Entry["notes"] = std::move(Notes);
    Entry["hasFix"] = !F.Fixes.empty();
    Findings.push_back(std::move(Entry));
  }
  llvm::json::Value Doc = llvm::json::Object{{"version", 1},
                                             {"translationUnits", R.Units},
                                             {"failedTranslationUnits", R.FailedUnits},
                                             {"suppressedByBaseline", R.Suppressed},
                                             {"unscannedTranslationUnits", R.Unscanned},
                                             {"findings", std::move(Findings)}};
  OS << llvm::formatv("{0:2}", Doc) << '\n';
}

} // namespace pixmapcache::scan

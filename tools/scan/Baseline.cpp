//===- Baseline.cpp - --baseline and --write-baseline ---------------------===//
//
// The baseline file: {"pixmapcacheScanBaseline": 1, "findings": [{"fingerprint": ...}]},
// read into a set of fingerprints and written from a report.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "JsonFile.h"
#include "Report.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pixmapcache::scan {

llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path) {
  auto Doc = readJsonFile(BaselineJson, Path);
  if (!Doc)
    return Doc.takeError();
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

} // namespace pixmapcache::scan

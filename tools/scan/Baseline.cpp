//===- Baseline.cpp - --baseline and --write-baseline ---------------------===//
//
// The baseline file: {"pixmapcacheScanBaseline": 2, "root": "..", "findings":
// [{"fingerprint": ...}]}, read into a set of fingerprints and written from a report.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "JsonFile.h"
#include "Paths.h"
#include "Report.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pixmapcache::scan {

namespace {

/// Format 2 adds the root that the fingerprints hash paths against, and each finding's
/// context.
constexpr int64_t BaselineFormat = 2;

/// The directory that holds the file `Path`, absolute.
std::string directoryOf(llvm::StringRef Path) {
  return std::string(llvm::sys::path::parent_path(absolutePath(Path)));
}

} // namespace

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path) {
  auto Doc = readJsonFile(BaselineJson, Path);
  if (!Doc)
    return Doc.takeError();
  const llvm::json::Object *O = Doc->getAsObject();
  const llvm::json::Array *Findings = O ? O->getArray("findings") : nullptr;
  if (!Findings)
    return llvm::createStringError("baseline '" + Path +
                                   "' has no \"findings\" list (write it with --write-baseline)");
  Baseline Read;
  const std::optional<int64_t> Format = O->getInteger("pixmapcacheScanBaseline");
  if (Format == BaselineFormat) {
    const std::optional<llvm::StringRef> Root = O->getString("root");
    if (!Root)
      return llvm::createStringError("baseline '" + Path + "' has no \"root\"");
    llvm::SmallString<256> Absolute(directoryOf(Path));
    llvm::sys::path::append(Absolute, *Root);
    Read.Root = absolutePath(Absolute);
  } else if (Format != 1) {
    return llvm::createStringError("baseline '" + Path +
                                   "' is of another version of pixmapcache-scan: write it again");
  }
  for (const llvm::json::Value &Entry : *Findings) {
    const llvm::json::Object *E = Entry.getAsObject();
    const std::optional<llvm::StringRef> Fingerprint =
        E ? E->getString("fingerprint") : std::nullopt;
    if (!Fingerprint)
      return llvm::createStringError("baseline '" + Path +
                                     "': every finding needs a \"fingerprint\"");
    Read.Occurrences[Fingerprint->rsplit(':').first].push_back(
        E->getString("context").value_or("").str());
  }
  return Read;
}

void writeBaseline(const Report &R, llvm::StringRef Path, llvm::StringRef SourceRoot,
                   llvm::raw_ostream &OS) {
  llvm::json::Array Findings;
  std::vector<BaselineEntry> Sorted = R.Baselinable;
  llvm::sort(Sorted, [](const BaselineEntry &A, const BaselineEntry &B) {
    return A.Fingerprint < B.Fingerprint;
  });
  for (const BaselineEntry &Entry : Sorted)
    Findings.push_back(
        llvm::json::Object{{"fingerprint", Entry.Fingerprint}, {"context", Entry.Context}});
  OS << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object{
                                   {"pixmapcacheScanBaseline", BaselineFormat},
                                   {"root", relativePath(SourceRoot, directoryOf(Path))},
                                   {"findings", std::move(Findings)}}))
     << '\n';
}

} // namespace pixmapcache::scan

//===- SarifReport.cpp - --format=sarif: SARIF 2.1.0 for code scanning ----===//
//
// The report as GitHub code scanning takes it: one rule per check, with the summary and CWE
// tags of its page under docs/checks/ (CheckDocs.inc, generated at build time), results with
// related locations and fingerprints, and incomplete units as tool notifications.
//
//===----------------------------------------------------------------------===//
#include "SarifReport.h"
#include "Paths.h"
#include "Report.h"
#include "Scan.h"
#include "SourceLines.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <utility>

namespace pixmapcache::scan {

namespace {

struct CheckDoc {
  const char *Name;
  const char *Summary;
  const char *Cwes;             ///< `;`-separated numbers
  const char *SecuritySeverity; ///< "0.0" to "10.0", how GitHub ranks the alerts
  const char *Precision;        ///< very-high, high, medium or low
  const char *Page;             ///< the check's page, in Markdown
};
constexpr CheckDoc CheckDocs[] = {
#include "CheckDocs.inc"
};

/// Percent-encodes what a URI path may not contain (RFC 3986), so any file name is valid,
/// and ':', which would make `col:on.cpp` an absolute URI with the scheme `col`.
std::string uriPath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/!$&'()*+,;=@").contains(C))
      Out += C;
    else
      Out += llvm::formatv("%{0:X-2}", static_cast<unsigned>(C)).str();
  }
  return Out;
}

llvm::json::Object artifactLocation(const Position &P, llvm::StringRef SourceRoot) {
  const std::string Relative = displayPath(P.File, SourceRoot);
  if (Relative != P.File || P.File.empty())
    return llvm::json::Object{{"uri", uriPath(Relative)}, {"uriBaseId", "%SRCROOT%"}};
  return llvm::json::Object{{"uri", "file://" + uriPath(P.File)}};
}

/// The run's columnKind: clang counts columns in bytes, SARIF in code points or UTF-16 units.
constexpr llvm::StringLiteral ColumnKind = "unicodeCodePoints";

/// The 1-based column of `P` in code points: the UTF-8 sequences before it, plus one. In bytes
/// where the line cannot be read (or is not UTF-8), which is the same in ASCII.
unsigned codePointColumn(const Position &P, SourceLines &Lines) {
  const llvm::StringRef Before = Lines.line(P).take_front(P.Column - 1);
  if (Before.size() != P.Column - 1 || !llvm::json::isUTF8(Before))
    return P.Column;
  return 1 + llvm::count_if(Before, [](unsigned char C) { return (C & 0xC0) != 0x80; });
}

llvm::json::Object physicalLocation(const Position &P, llvm::StringRef SourceRoot,
                                    SourceLines &Lines) {
  llvm::json::Object Location{{"artifactLocation", artifactLocation(P, SourceRoot)}};
  if (P.Line)
    Location["region"] =
        llvm::json::Object{{"startLine", P.Line}, {"startColumn", codePointColumn(P, Lines)}};
  return Location;
}

/// Takes a string, not a StringRef: llvm::json stores a StringRef without copying it.
llvm::json::Object message(std::string Text) {
  return llvm::json::Object{{"text", std::move(Text)}};
}

} // namespace

void writeSarif(const Report &R, llvm::StringRef SourceRoot, llvm::raw_ostream &OS) {
  llvm::json::Array Rules;
  llvm::StringMap<unsigned> RuleIndex;
  for (const CheckDoc &Doc : CheckDocs) {
    const std::string HelpUri = std::string(PIXMAPCACHE_DOCS_URL) + Doc.Name + ".md";
    llvm::json::Array Tags{"security"};
    llvm::SmallVector<llvm::StringRef, 4> Cwes;
    llvm::StringRef(Doc.Cwes).split(Cwes, ';', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Cwe : Cwes)
      Tags.push_back(("external/cwe/cwe-" + Cwe).str());
    RuleIndex[Doc.Name] = Rules.size();
    Rules.push_back(llvm::json::Object{
        {"id", Doc.Name},
        {"name", Doc.Name},
        {"shortDescription", message(Doc.Summary)},
        {"fullDescription", message(Doc.Summary)},
        {"help", llvm::json::Object{{"text", (llvm::Twine(Doc.Summary) + " See " + HelpUri).str()},
                                    {"markdown", Doc.Page}}},
        {"helpUri", HelpUri},
        {"defaultConfiguration", llvm::json::Object{{"level", "warning"}}},
        {"properties", llvm::json::Object{{"tags", std::move(Tags)},
                                          {"precision", Doc.Precision},
                                          {"security-severity", Doc.SecuritySeverity}}}});
  }

  llvm::json::Array Results, Notifications;
  SourceLines Lines;
  for (const Finding &F : R.Findings) {
    if (isIncompleteScan(F)) {
      // Not a code-scanning alert: the scan of that unit is incomplete.
      Notifications.push_back(llvm::json::Object{
          {"level", "error"},
          {"message", message(F.Message)},
          {"locations", llvm::json::Array{llvm::json::Object{
                            {"physicalLocation", physicalLocation(F.Where, SourceRoot, Lines)}}}}});
      continue;
    }
    llvm::json::Array Related;
    for (const Note &N : F.Notes)
      Related.push_back(
          llvm::json::Object{{"id", Related.size()},
                             {"message", message(N.Message)},
                             {"physicalLocation", physicalLocation(N.Where, SourceRoot, Lines)}});
    llvm::json::Object Result{
        {"ruleId", F.Check},
        {"level", levelName(F.Severity)},
        {"message", message(F.Message)},
        {"locations", llvm::json::Array{llvm::json::Object{
                          {"physicalLocation", physicalLocation(F.Where, SourceRoot, Lines)}}}},
        {"partialFingerprints", llvm::json::Object{{"pixmapcacheFingerprint/v1", F.Fingerprint}}}};
    if (auto It = RuleIndex.find(F.Check); It != RuleIndex.end())
      Result["ruleIndex"] = It->second;
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    Results.push_back(std::move(Result));
  }

  if (R.Unscanned)
    Notifications.push_back(llvm::json::Object{
        {"level", "error"},
        {"message", message(llvm::formatv("the scan was interrupted: {0} of {1} translation "
                                          "units were not scanned",
                                          R.Unscanned, R.Units + R.Unscanned))}});

  std::string Root = uriPath(SourceRoot);
  if (!llvm::StringRef(Root).ends_with("/"))
    Root += '/';
  llvm::json::Value Doc = llvm::json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       llvm::json::Array{llvm::json::Object{
           {"tool", llvm::json::Object{{"driver",
                                        llvm::json::Object{{"name", "pixmapcache-scan"},
                                                           {"version", PIXMAPCACHE_VERSION},
                                                           {"informationUri", PIXMAPCACHE_DOCS_URL},
                                                           {"rules", std::move(Rules)}}}}},
           {"columnKind", ColumnKind},
           {"originalUriBaseIds",
            llvm::json::Object{{"%SRCROOT%", llvm::json::Object{{"uri", "file://" + Root}}}}},
           {"invocations", llvm::json::Array{llvm::json::Object{
                               {"executionSuccessful", R.FailedUnits == 0 && R.Unscanned == 0},
                               {"toolExecutionNotifications", std::move(Notifications)}}}},
           {"results", std::move(Results)}}}}};
  OS << llvm::formatv("{0:2}", Doc) << '\n';
}

} // namespace pixmapcache::scan

//===- Report.cpp - combining unit results, and the output formats --------===//
#include "CrossTU.h"
#include "Scan.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include <map>
#include <tuple>

namespace pixmapcache::scan {

namespace {

struct CheckDoc {
  const char *Name;
  const char *Summary;
  const char *Cwes; ///< `;`-separated numbers
};
constexpr CheckDoc CheckDocs[] = {
#include "CheckDocs.inc"
};

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

std::string displayPath(llvm::StringRef File, llvm::StringRef SourceRoot) {
  llvm::StringRef Rest = File;
  if (!SourceRoot.empty() && Rest.consume_front(SourceRoot) &&
      (SourceRoot.ends_with("/") || Rest.consume_front("/")))
    return Rest.str();
  return File.str();
}

Report finish(std::vector<UnitResult> Units, llvm::StringRef SourceRoot,
              const llvm::StringSet<> &Baseline,
              clang::tidy::pixmapcache::OverrideScope Overrides) {
  Report R;
  std::vector<Finding> All = crossUnitFindings(Units, Overrides);
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

  // Identical findings on identical lines of one file are told apart by their order.
  std::map<std::string, unsigned> Occurrences;
  for (Finding &F : All) {
    const std::string Base = fingerprintBase(F, SourceRoot);
    F.Fingerprint = Base + ":" + std::to_string(++Occurrences[Base]);
    const bool Baselinable = !isIncompleteScan(F);
    if (Baselinable)
      R.AllFingerprints.push_back(F.Fingerprint);
    if (Baselinable && Baseline.contains(F.Fingerprint))
      ++R.Suppressed;
    else
      R.Findings.push_back(std::move(F));
  }
  return R;
}

//===----------------------------------------------------------------------===//
// Text
//===----------------------------------------------------------------------===//

namespace {

class SourceLines {
public:
  llvm::StringRef line(const Position &P) {
    if (P.Line == 0)
      return {};
    auto [It, Inserted] = Files.try_emplace(P.File);
    if (Inserted)
      if (auto Buffer = llvm::MemoryBuffer::getFile(P.File, /*IsText=*/true))
        It->second = std::move(*Buffer);
    if (!It->second || P.Column == 0 || P.Offset > It->second->getBufferSize())
      return {};
    return It->second->getBuffer().substr(P.Offset - (P.Column - 1)).split('\n').first;
  }

private:
  std::map<std::string, std::unique_ptr<llvm::MemoryBuffer>> Files;
};

void writeDiagnostic(llvm::raw_ostream &OS, SourceLines &Lines, llvm::StringRef SourceRoot,
                     const Position &Where, llvm::StringRef Level, llvm::StringRef Message,
                     llvm::StringRef Check) {
  if (!Where.File.empty()) {
    OS << displayPath(Where.File, SourceRoot);
    if (Where.Line)
      OS << ':' << Where.Line << ':' << Where.Column;
    OS << ": ";
  }
  OS << Level << ": " << Message;
  if (!Check.empty())
    OS << " [" << Check << ']';
  OS << '\n';
  llvm::StringRef Line = Lines.line(Where);
  if (Line.empty())
    return;
  OS << Line << '\n';
  // Tabs stay tabs, so that the caret lines up however the terminal expands them.
  for (char C : Line.take_front(Where.Column - 1))
    OS << (C == '\t' ? '\t' : ' ');
  OS << "^\n";
}

const char *levelName(Level L) { return L == Level::Error ? "error" : "warning"; }

} // namespace

void writeText(const Report &R, llvm::StringRef SourceRoot, llvm::raw_ostream &OS) {
  SourceLines Lines;
  for (const Finding &F : R.Findings) {
    writeDiagnostic(OS, Lines, SourceRoot, F.Where, levelName(F.Severity), F.Message, F.Check);
    for (const Note &N : F.Notes)
      writeDiagnostic(OS, Lines, SourceRoot, N.Where, "note", N.Message, "");
  }
}

//===----------------------------------------------------------------------===//
// JSON
//===----------------------------------------------------------------------===//

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

//===----------------------------------------------------------------------===//
// SARIF 2.1.0
//===----------------------------------------------------------------------===//

namespace {

/// Percent-encodes what a URI path may not contain (RFC 3986), so any file name is valid.
std::string uriPath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/!$&'()*+,;=:@").contains(C))
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

llvm::json::Object physicalLocation(const Position &P, llvm::StringRef SourceRoot) {
  llvm::json::Object Location{{"artifactLocation", artifactLocation(P, SourceRoot)}};
  if (P.Line)
    Location["region"] = llvm::json::Object{{"startLine", P.Line}, {"startColumn", P.Column}};
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
    Rules.push_back(
        llvm::json::Object{{"id", Doc.Name},
                           {"name", Doc.Name},
                           {"shortDescription", message(Doc.Summary)},
                           {"fullDescription", message(Doc.Summary)},
                           {"help", message((llvm::Twine(Doc.Summary) + " See " + HelpUri).str())},
                           {"helpUri", HelpUri},
                           {"defaultConfiguration", llvm::json::Object{{"level", "warning"}}},
                           {"properties", llvm::json::Object{{"tags", std::move(Tags)}}}});
  }

  llvm::json::Array Results, Notifications;
  for (const Finding &F : R.Findings) {
    if (isIncompleteScan(F)) {
      // Not a code-scanning alert: the scan of that unit is incomplete.
      Notifications.push_back(llvm::json::Object{
          {"level", "error"},
          {"message", message(F.Message)},
          {"locations", llvm::json::Array{llvm::json::Object{
                            {"physicalLocation", physicalLocation(F.Where, SourceRoot)}}}}});
      continue;
    }
    llvm::json::Array Related;
    for (const Note &N : F.Notes)
      Related.push_back(
          llvm::json::Object{{"id", Related.size()},
                             {"message", message(N.Message)},
                             {"physicalLocation", physicalLocation(N.Where, SourceRoot)}});
    llvm::json::Object Result{
        {"ruleId", F.Check},
        {"level", levelName(F.Severity)},
        {"message", message(F.Message)},
        {"locations", llvm::json::Array{llvm::json::Object{
                          {"physicalLocation", physicalLocation(F.Where, SourceRoot)}}}},
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
           {"originalUriBaseIds",
            llvm::json::Object{{"%SRCROOT%", llvm::json::Object{{"uri", "file://" + Root}}}}},
           {"invocations", llvm::json::Array{llvm::json::Object{
                               {"executionSuccessful", R.FailedUnits == 0 && R.Unscanned == 0},
                               {"toolExecutionNotifications", std::move(Notifications)}}}},
           {"results", std::move(Results)}}}}};
  OS << llvm::formatv("{0:2}", Doc) << '\n';
}

} // namespace pixmapcache::scan

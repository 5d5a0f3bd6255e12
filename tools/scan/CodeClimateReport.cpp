//===- CodeClimateReport.cpp - --format=codeclimate: GitLab Code Quality --===//
//
// [{"type": "issue", "check_name", "description", "categories", "severity", "fingerprint",
//   "location": {"path", "lines": {"begin"}}}, ...]. Incomplete scans (crashes, timeouts)
// are issues too: GitLab has no other place for them.
//
//===----------------------------------------------------------------------===//
#include "CodeClimateReport.h"
#include "Paths.h"
#include "Report.h"
#include "Scan.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <utility>

namespace pixmapcache::scan {

void writeCodeClimate(const Report &R, llvm::StringRef SourceRoot, llvm::raw_ostream &OS) {
  llvm::json::Array Issues;
  for (const Finding &F : R.Findings) {
    // A location-less finding (a unit that could not be read) belongs to its unit's file,
    // and line 1: GitLab drops issues without a line.
    const unsigned Line = F.Where.Line ? F.Where.Line : 1;
    Issues.push_back(llvm::json::Object{
        {"type", "issue"},
        {"check_name", F.Check},
        {"description", F.Message},
        {"categories", llvm::json::Array{"Bug Risk", "Security"}},
        // Code Climate's scale: info, minor, major, critical, blocker.
        {"severity", F.Severity == Level::Error ? "critical" : "major"},
        {"fingerprint", F.Fingerprint},
        {"location",
         llvm::json::Object{{"path", displayPath(F.Where.File, SourceRoot)},
                            {"lines", llvm::json::Object{{"begin", Line}}}}}});
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Issues))) << '\n';
}

} // namespace pixmapcache::scan

//===- JUnitReport.cpp - --format=junit: JUnit XML for CI test dashboards -===//
//
// <testsuites><testsuite name="pixmapcache-scan"> with a <testcase> per finding (classname
// its check, name its location) holding a <failure> whose text is the finding with its notes
// in clang's format; a scan without findings is one passed <testcase>.
//
//===----------------------------------------------------------------------===//
#include "JUnitReport.h"
#include "Counted.h"
#include "Paths.h"
#include "Report.h"
#include "Scan.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace pixmapcache::scan {

namespace {

/// `Text` as XML character data or attribute value. Characters XML 1.0 forbids (control
/// characters other than tab and newlines) become '?', so any message gives valid XML.
std::string xml(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    case '\'': Out += "&apos;"; break;
    default:
      Out += static_cast<unsigned char>(C) < 0x20 && C != '\t' && C != '\n' && C != '\r' ? '?'
                                                                                          : C;
    }
  }
  return Out;
}

std::string location(const Position &P, llvm::StringRef SourceRoot) {
  std::string Text = displayPath(P.File, SourceRoot);
  if (P.Line)
    Text += ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
  return Text;
}

} // namespace

void writeJUnit(const Report &R, llvm::StringRef SourceRoot, llvm::raw_ostream &OS) {
  const size_t Failures = R.Findings.size();
  const size_t Tests = Failures ? Failures : 1;
  OS << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
     << "<testsuites name=\"pixmapcache-scan\" tests=\"" << Tests << "\" failures=\""
     << Failures << "\">\n"
     << "  <testsuite name=\"pixmapcache-scan\" tests=\"" << Tests << "\" failures=\""
     << Failures << "\">\n";
  for (const Finding &F : R.Findings) {
    const std::string Where = location(F.Where, SourceRoot);
    OS << "    <testcase classname=\"" << xml(F.Check) << "\" name=\"" << xml(Where)
       << "\" file=\"" << xml(displayPath(F.Where.File, SourceRoot)) << "\"";
    if (F.Where.Line)
      OS << " line=\"" << F.Where.Line << "\"";
    OS << ">\n      <failure type=\"" << xml(F.Check) << "\" message=\"" << xml(F.Message)
       << "\">" << xml(Where + ": " + std::string(levelName(F.Severity)) + ": " + F.Message + " [" +
                       F.Check + "]");
    for (const Note &N : F.Notes)
      OS << '\n' << xml(location(N.Where, SourceRoot) + ": note: " + N.Message);
    OS << "</failure>\n    </testcase>\n";
  }
  if (!Failures)
    OS << "    <testcase classname=\"pixmapcache-scan\" name=\""
       << counted(R.Units, "translation unit") << ", no findings\"/>\n";
  OS << "  </testsuite>\n</testsuites>\n";
}

} // namespace pixmapcache::scan

//===- TextReport.cpp - --format=text: clang-style diagnostics ------------===//
//
// file:line:column: level: message [check], the source line, a caret under the column and
// the fix-it's text under the text it replaces, then the notes the same way; in clang's
// colours when asked.
//
//===----------------------------------------------------------------------===//
#include "TextReport.h"
#include "Counted.h"
#include "Paths.h"
#include "Report.h"
#include "Scan.h"
#include "SourceLines.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace pixmapcache::scan {

namespace {

using Colors = llvm::raw_ostream::Colors;

/// clang's colour of a diagnostic level.
Colors levelColor(llvm::StringRef Level) {
  return Level == "error" ? Colors::RED : Level == "warning" ? Colors::MAGENTA : Colors::BLACK;
}

void writeDiagnostic(llvm::raw_ostream &OS, SourceLines &Lines, llvm::StringRef SourceRoot,
                     const Position &Where, llvm::StringRef Level, llvm::StringRef Message,
                     llvm::StringRef Check,
                     llvm::ArrayRef<clang::tooling::Replacement> Fixes = {}) {
  OS.changeColor(Colors::SAVEDCOLOR, /*Bold=*/true);
  if (!Where.File.empty()) {
    OS << displayPath(Where.File, SourceRoot);
    if (Where.Line)
      OS << ':' << Where.Line << ':' << Where.Column;
    OS << ": ";
  }
  OS.changeColor(levelColor(Level), /*Bold=*/true) << Level << ": ";
  OS.changeColor(Colors::SAVEDCOLOR, /*Bold=*/true) << Message;
  if (!Check.empty())
    OS << " [" << Check << ']';
  OS.resetColor() << '\n';
  llvm::StringRef Line = Lines.line(Where);
  if (Line.empty())
    return;
  OS << Line << '\n';
  // Tabs stay tabs, so that the caret lines up however the terminal expands them.
  auto Indent = [&](unsigned Column) {
    for (char C : Line.take_front(Column))
      OS << (C == '\t' ? '\t' : ' ');
  };
  Indent(Where.Column - 1);
  OS.changeColor(Colors::GREEN, /*Bold=*/true) << '^';
  OS.resetColor() << '\n';
  // As clang: the text of a one-line fix on this line, under what it replaces.
  const unsigned LineStart = Where.Offset - (Where.Column - 1);
  for (const clang::tooling::Replacement &Fix : Fixes) {
    if (Fix.getFilePath() != Where.File || Fix.getOffset() < LineStart ||
        Fix.getOffset() > LineStart + Line.size() || Fix.getReplacementText().contains('\n'))
      continue;
    Indent(Fix.getOffset() - LineStart);
    OS.changeColor(Colors::GREEN) << Fix.getReplacementText();
    OS.resetColor() << '\n';
  }
}

} // namespace

void writeText(const Report &R, llvm::StringRef SourceRoot, bool Color, llvm::raw_ostream &OS) {
  OS.enable_colors(Color);
  SourceLines Lines;
  for (const Finding &F : R.Findings) {
    writeDiagnostic(OS, Lines, SourceRoot, F.Where, levelName(F.Severity), F.Message, F.Check,
                    F.Fixes);
    for (const Note &N : F.Notes)
      writeDiagnostic(OS, Lines, SourceRoot, N.Where, "note", N.Message, "");
  }
  // The last line, as SARIF and JSON say it too: a report without it covers every unit.
  if (R.Unscanned)
    OS << "pixmapcache-scan: error: the scan was interrupted: "
       << counted(R.Unscanned, "translation unit") << " of " << R.Units + R.Unscanned
       << " not scanned; this report is incomplete\n";
  OS.enable_colors(false);
}

} // namespace pixmapcache::scan

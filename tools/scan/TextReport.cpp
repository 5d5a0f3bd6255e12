//===- TextReport.cpp - --format=text: clang-style diagnostics ------------===//
//
// file:line:column: level: message [check], the source line and a caret under the column,
// then the notes the same way.
//
//===----------------------------------------------------------------------===//
#include "TextReport.h"
#include "Paths.h"
#include "Report.h"
#include "Scan.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace pixmapcache::scan {

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

} // namespace

void writeText(const Report &R, llvm::StringRef SourceRoot, llvm::raw_ostream &OS) {
  SourceLines Lines;
  for (const Finding &F : R.Findings) {
    writeDiagnostic(OS, Lines, SourceRoot, F.Where, levelName(F.Severity), F.Message, F.Check);
    for (const Note &N : F.Notes)
      writeDiagnostic(OS, Lines, SourceRoot, N.Where, "note", N.Message, "");
  }
}

} // namespace pixmapcache::scan

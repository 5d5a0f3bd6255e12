//===- SourceLines.h - the source line of a finding's position ------------===//
//
// The text report shows the line under each diagnostic, and SARIF counts its columns in code
// points: both read the line from the file, each file once.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_SOURCELINES_H
#define PIXMAPCACHE_TOOLS_SCAN_SOURCELINES_H

#include "Scan.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <memory>
#include <string>

namespace pixmapcache::scan {

class SourceLines {
public:
  /// The line of `P`, without its end; empty when the file cannot be read or has changed.
  llvm::StringRef line(const Position &P) {
    if (P.Line == 0)
      return {};
    auto [It, Inserted] = Files.try_emplace(P.File);
    if (Inserted)
      if (auto Buffer = llvm::MemoryBuffer::getFile(P.File, /*IsText=*/true))
        It->second = std::move(*Buffer);
    if (!It->second || P.Column == 0 || P.Offset > It->second->getBufferSize() ||
        P.Column - 1 > P.Offset)
      return {};
    return It->second->getBuffer().substr(P.Offset - (P.Column - 1)).split('\n').first;
  }

private:
  std::map<std::string, std::unique_ptr<llvm::MemoryBuffer>> Files;
};

} // namespace pixmapcache::scan

#endif

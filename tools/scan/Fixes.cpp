//===- Fixes.cpp - --export-fixes and --fix -------------------------------===//
//
// Collects the fixes of the reported findings (a fix that overlaps an earlier one is skipped,
// with a warning), writes them as clang-apply-replacements YAML, or applies them in place.
//
//===----------------------------------------------------------------------===//
#include "Fixes.h"
#include "OutputFile.h"
#include "Report.h"
#include "Scan.h"

#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/ReplacementsYaml.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <utility>

namespace pixmapcache::scan {

FixesByFile collectFixes(const Report &R) {
  FixesByFile Fixes;
  for (const Finding &F : R.Findings) {
    FixesByFile Trial = Fixes;
    bool Conflict = false;
    for (const clang::tooling::Replacement &Fix : F.Fixes)
      if (llvm::Error E = Trial[Fix.getFilePath().str()].add(Fix)) {
        llvm::consumeError(std::move(E));
        Conflict = true;
      }
    if (Conflict)
      llvm::errs() << "pixmapcache-scan: warning: the fix of " << F.Check << " at " << F.Where.File
                   << ':' << F.Where.Line << " conflicts with another, skipped\n";
    else if (!F.Fixes.empty())
      Fixes = std::move(Trial);
  }
  return Fixes;
}

void exportFixes(const FixesByFile &Fixes, llvm::raw_ostream &OS) {
  clang::tooling::TranslationUnitReplacements TUR;
  TUR.MainSourceFile = "";
  for (const auto &[File, Replacements] : Fixes)
    TUR.Replacements.insert(TUR.Replacements.end(), Replacements.begin(), Replacements.end());
  llvm::yaml::Output YAML(OS);
  YAML << TUR;
}

bool applyFixes(const FixesByFile &Fixes) {
  bool Ok = true;
  for (const auto &[File, Replacements] : Fixes) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
    llvm::Expected<std::string> Fixed =
        Buffer ? clang::tooling::applyAllReplacements((*Buffer)->getBuffer(), Replacements)
               : llvm::Expected<std::string>(llvm::errorCodeToError(Buffer.getError()));
    if (!Fixed) {
      llvm::errs() << "pixmapcache-scan: error: cannot fix '" << File
                   << "': " << llvm::toString(Fixed.takeError()) << '\n';
      Ok = false;
      continue;
    }
    if (llvm::Error E = writeOutputFile(File, [&](llvm::raw_ostream &OS) { OS << *Fixed; })) {
      llvm::errs() << "pixmapcache-scan: error: " << llvm::toString(std::move(E)) << '\n';
      Ok = false;
    }
  }
  return Ok;
}

} // namespace pixmapcache::scan

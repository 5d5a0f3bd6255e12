//===- Fixes.cpp - --export-fixes and --fix -------------------------------===//
//
// Collects the fixes of the reported findings (a fix that overlaps an earlier one is skipped,
// with a warning), writes them as clang-tidy's --export-fixes does (the `Diagnostics:` layout
// that clang-apply-replacements reads), or applies them in place.
//
//===----------------------------------------------------------------------===//
#include "Fixes.h"
#include "OutputFile.h"
#include "Report.h"
#include "Scan.h"

#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/STLExtras.h"
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

namespace {

/// Whether every fix of `F` is among the kept ones (collectFixes keeps all of a finding's
/// fixes or none).
bool fixesKept(const Finding &F, const FixesByFile &Kept) {
  return llvm::all_of(F.Fixes, [&](const clang::tooling::Replacement &R) {
    auto File = Kept.find(std::string(R.getFilePath()));
    return File != Kept.end() && llvm::is_contained(File->second, R);
  });
}

clang::tooling::DiagnosticMessage diagnosticMessage(const std::string &Message,
                                                    const Position &Where) {
  clang::tooling::DiagnosticMessage M;
  M.Message = Message;
  M.FilePath = Where.File;
  M.FileOffset = Where.Offset;
  return M;
}

} // namespace

void exportFixes(const Report &R, const FixesByFile &Kept, llvm::raw_ostream &OS) {
  clang::tooling::TranslationUnitDiagnostics Export;
  for (const Finding &F : R.Findings) {
    if (F.Fixes.empty() || !fixesKept(F, Kept))
      continue;
    clang::tooling::Diagnostic &D = Export.Diagnostics.emplace_back();
    D.DiagnosticName = F.Check;
    D.Message = diagnosticMessage(F.Message, F.Where);
    for (const clang::tooling::Replacement &Fix : F.Fixes)
      // Kept fixes do not overlap: adding them cannot fail.
      llvm::cantFail(D.Message.Fix[Fix.getFilePath()].add(Fix));
    for (const Note &N : F.Notes)
      D.Notes.push_back(diagnosticMessage(N.Message, N.Where));
    D.DiagLevel = F.Severity == Level::Error ? clang::tooling::Diagnostic::Error
                                             : clang::tooling::Diagnostic::Warning;
  }
  llvm::yaml::Output YAML(OS);
  YAML << Export;
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

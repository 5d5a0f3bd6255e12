//===- Fixes.cpp - --export-fixes and --fix -------------------------------===//
//
// Collects the fixes of the reported findings (a fix that overlaps an earlier one is skipped,
// with a warning), writes them as clang-tidy's --export-fixes does (the `Diagnostics:` layout
// that clang-apply-replacements reads), or applies them in place.
//
//===----------------------------------------------------------------------===//
#include "Fixes.h"
#include "ContentHash.h"
#include "OutputFile.h"
#include "Report.h"
#include "Scan.h"

#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <string>
#include <system_error>
#include <utility>

namespace pixmapcache::scan {

FixesByFile collectFixes(const Report &R) {
  FixesByFile Fixes;
  for (const Finding &F : R.Findings) {
    if (F.Fixes.empty())
      continue;
    // The files this finding changes, with its fixes added: kept only if all of them fit.
    FixesByFile Trial;
    auto TrialOf = [&](const std::string &File) -> FileFixes & {
      auto [It, New] = Trial.try_emplace(File);
      if (New)
        if (auto Kept = Fixes.find(File); Kept != Fixes.end())
          It->second = Kept->second;
      return It->second;
    };
    const char *Skipped = nullptr;
    for (const SourceVersion &Source : F.FixedSources) {
      std::string &Hash = TrialOf(Source.File).ScannedHash;
      if (Hash.empty())
        Hash = Source.Hash;
      else if (Hash != Source.Hash)
        Skipped = "was computed against another version of the file than the other fixes";
    }
    for (const clang::tooling::Replacement &Fix : F.Fixes)
      if (llvm::Error E = TrialOf(Fix.getFilePath().str()).Replacements.add(Fix)) {
        llvm::consumeError(std::move(E));
        Skipped = "conflicts with another";
      }
    if (Skipped) {
      llvm::errs() << "pixmapcache-scan: warning: the fix of " << F.Check << " at " << F.Where.File
                   << ':' << F.Where.Line << ' ' << Skipped << ", skipped\n";
      continue;
    }
    for (auto &[File, Changed] : Trial)
      Fixes[File] = std::move(Changed);
  }
  return Fixes;
}

namespace {

/// Whether every fix of `F` is among the kept ones (collectFixes keeps all of a finding's
/// fixes or none).
bool fixesKept(const Finding &F, const FixesByFile &Kept) {
  return llvm::all_of(F.Fixes, [&](const clang::tooling::Replacement &R) {
    auto File = Kept.find(std::string(R.getFilePath()));
    return File != Kept.end() && llvm::is_contained(File->second.Replacements, R);
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

namespace {

llvm::Error cannotFix(llvm::StringRef File, const llvm::Twine &Why) {
  return llvm::createStringError("cannot fix '" + File + "': " + Why);
}

/// Fixes `File`, or says why it cannot: it is locked from the check of its content to the
/// rename of the fixed file over it, so that a second run waits, then finds the content changed.
llvm::Error fixFile(llvm::StringRef File, const FileFixes &Fixes) {
  // Through a symbolic link, the target is fixed and the link stays.
  llvm::SmallString<256> Target;
  if (std::error_code EC = llvm::sys::fs::real_path(File, Target))
    return cannotFix(File, EC.message());
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Target, Status))
    return cannotFix(File, EC.message());
  // Also for root, whom the system would let write it.
  const auto AnyWrite =
      llvm::sys::fs::owner_write | llvm::sys::fs::group_write | llvm::sys::fs::others_write;
  if ((Status.permissions() & AnyWrite) == 0)
    return cannotFix(File, "it is read-only");
  // A POSIX write lock needs a descriptor open for writing, and the process loses the lock
  // when it closes any descriptor of the file: the content is read through this one.
  int FD = -1;
  auto Close = llvm::make_scope_exit([&] {
    if (FD >= 0)
      llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  });
  // A run that held the lock renamed its fixed file over the one this run waited for: the
  // lock is taken again on the file that is there now.
  for (bool LockedWhatIsThere = false; !LockedWhatIsThere;) {
    if (FD >= 0)
      llvm::sys::Process::SafelyCloseFileDescriptor(FD);
    if (std::error_code EC = llvm::sys::fs::openFileForReadWrite(
            Target, FD, llvm::sys::fs::CD_OpenExisting, llvm::sys::fs::OF_None))
      return cannotFix(File, EC.message());
    if (std::error_code EC = llvm::sys::fs::tryLockFile(FD, std::chrono::seconds(60)))
      return cannotFix(File, "another process is changing it (" + EC.message() + ")");
    llvm::sys::fs::file_status There;
    if (std::error_code EC = llvm::sys::fs::status(FD, Status))
      return cannotFix(File, EC.message());
    LockedWhatIsThere =
        !llvm::sys::fs::status(Target, There) && There.getUniqueID() == Status.getUniqueID();
  }
  auto Buffer = llvm::MemoryBuffer::getOpenFile(llvm::sys::fs::convertFDToNativeFile(FD), Target,
                                                Status.getSize(),
                                                /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return cannotFix(File, Buffer.getError().message());
  if (Fixes.ScannedHash.empty() || contentHash((*Buffer)->getBuffer()) != Fixes.ScannedHash)
    return cannotFix(File, "it changed since it was scanned; scan it again to fix it");
  llvm::Expected<std::string> Fixed =
      clang::tooling::applyAllReplacements((*Buffer)->getBuffer(), Fixes.Replacements);
  if (!Fixed)
    return cannotFix(File, llvm::toString(Fixed.takeError()));
  return writeOutputFile(Target, [&](llvm::raw_ostream &OS) { OS << *Fixed; });
}

} // namespace

bool applyFixes(const FixesByFile &Fixes) {
  bool Ok = true;
  for (const auto &[File, FileFixes] : Fixes)
    if (llvm::Error E = fixFile(File, FileFixes)) {
      llvm::errs() << "pixmapcache-scan: error: " << llvm::toString(std::move(E)) << '\n';
      Ok = false;
    }
  return Ok;
}

} // namespace pixmapcache::scan

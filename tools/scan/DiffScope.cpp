//===- DiffScope.cpp - what a change touched, for --diff -----------------===//
#include "DiffScope.h"
#include "Paths.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <cstddef>
#include <optional>
#include <string>

namespace pixmapcache::scan {

bool ChangedLines::covers(const Position &P) const {
  auto It = ByFile.find(P.File);
  if (It == ByFile.end())
    return false;
  return llvm::any_of(It->second, [&](const std::pair<unsigned, unsigned> &Range) {
    return Range.first <= P.Line && P.Line <= Range.second;
  });
}

llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Patch, llvm::StringRef Root) {
  ChangedLines Changed;
  std::string File; // empty: a deleted file, or before the first header
  unsigned LineNumber = 0;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Patch.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    ++LineNumber;
    if (Line.consume_front("+++ ")) {
      Line = Line.split('\t').first.rtrim("\r");
      if (Line == "/dev/null") {
        File.clear();
        continue;
      }
      if (Line.starts_with("b/"))
        Line = Line.drop_front(2);
      llvm::SmallString<256> Path(Line);
      if (!llvm::sys::path::is_absolute(Path)) {
        Path = Root;
        llvm::sys::path::append(Path, Line);
      }
      File = absolutePath(Path);
      continue;
    }
    if (!Line.consume_front("@@ "))
      continue;
    // @@ -a[,b] +c[,d] @@: the new side starts at line c and has d lines (1 when omitted).
    const llvm::StringRef New = Line.split(' ').second.split(' ').first;
    unsigned Start = 0, Count = 1;
    auto [StartText, CountText] = New.drop_front().split(',');
    if (!New.starts_with("+") || StartText.getAsInteger(10, Start) ||
        (!CountText.empty() && CountText.getAsInteger(10, Count)))
      return llvm::createStringError("line " + llvm::Twine(LineNumber) +
                                     " of the diff: not a hunk header: '@@ " + Line + "'");
    if (File.empty() || Count == 0) // deleted lines: no line of the new file to report on
      continue;
    Changed.ByFile[File].push_back({Start, Start + Count - 1});
  }
  return Changed;
}

namespace {

/// Runs git in `Directory` with `Arguments`; its stdout, or why it failed.
llvm::Expected<std::string> runGit(llvm::StringRef Directory,
                                   llvm::ArrayRef<llvm::StringRef> Arguments) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError("--diff needs git, which is not on PATH");
  llvm::SmallString<128> Output, Errors;
  if (std::error_code E = llvm::sys::fs::createTemporaryFile("pixmapcache-git", "out", Output))
    return llvm::createStringError("cannot create a temporary file: " + E.message());
  if (std::error_code E = llvm::sys::fs::createTemporaryFile("pixmapcache-git", "err", Errors))
    return llvm::createStringError("cannot create a temporary file: " + E.message());
  std::vector<llvm::StringRef> Argv = {"git", "-C", Directory};
  Argv.insert(Argv.end(), Arguments.begin(), Arguments.end());
  const std::optional<llvm::StringRef> Redirects[] = {std::nullopt, llvm::StringRef(Output),
                                                      llvm::StringRef(Errors)};
  std::string Failure;
  const int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0, 0, &Failure);
  auto Out = llvm::MemoryBuffer::getFile(Output);
  auto Err = llvm::MemoryBuffer::getFile(Errors);
  llvm::sys::fs::remove(Output);
  llvm::sys::fs::remove(Errors);
  if (Status != 0)
    return llvm::createStringError(
        "git " + llvm::join(Arguments, " ") + " failed: " +
        (Err && !(*Err)->getBuffer().trim().empty() ? (*Err)->getBuffer().trim().str() : Failure));
  return Out ? (*Out)->getBuffer().str() : std::string();
}

} // namespace

llvm::Expected<ChangedLines> gitChangesSince(llvm::StringRef Revision, llvm::StringRef Directory) {
  auto Top = runGit(Directory, {"rev-parse", "--show-toplevel"});
  if (!Top)
    return Top.takeError();
  // The revision must name a commit: `git diff` would take a path for a typo.
  const std::string Commit = (Revision + "^{commit}").str();
  if (auto Verified = runGit(Directory, {"rev-parse", "--verify", "--quiet", Commit}); !Verified) {
    llvm::consumeError(Verified.takeError());
    return llvm::createStringError("--diff: '" + Revision +
                                   "' is not a commit of the repository at " +
                                   llvm::StringRef(*Top).trim());
  }
  auto Patch = runGit(
      Directory, {"diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", Revision, "--"});
  if (!Patch)
    return Patch.takeError();
  return parseUnifiedDiff(*Patch, llvm::StringRef(*Top).trim());
}

unsigned DiffScope::narrow(std::vector<UnitResult> &Units, std::vector<Finding> &CrossUnit) const {
  unsigned Removed = 0;
  auto Keeps = [&](const Finding &F, bool OfAffectedUnit) {
    if (WholeUnits &&
        (OfAffectedUnit || Changed.touches(F.Where.File) ||
         llvm::any_of(F.Notes, [&](const Note &N) { return Changed.touches(N.Where.File); })))
      return true;
    // Compile errors and faults of an affected unit are always news.
    if (isIncompleteScan(F) && OfAffectedUnit)
      return true;
    return Changed.covers(F.Where);
  };
  for (UnitResult &Unit : Units) {
    const bool Affected = AffectedUnits.contains(Unit.File);
    const size_t Before = Unit.Findings.size();
    llvm::erase_if(Unit.Findings, [&](const Finding &F) { return !Keeps(F, Affected); });
    Removed += Before - Unit.Findings.size();
  }
  // A finding of the whole program belongs to every unit its path runs through.
  auto InAffectedUnit = [&](const Finding &F) {
    return AffectedUnits.contains(F.Where.File) ||
           llvm::any_of(F.Notes, [&](const Note &N) { return AffectedUnits.contains(N.Where.File); });
  };
  const size_t Before = CrossUnit.size();
  llvm::erase_if(CrossUnit, [&](const Finding &F) { return !Keeps(F, InAffectedUnit(F)); });
  return Removed + (Before - CrossUnit.size());
}

} // namespace pixmapcache::scan

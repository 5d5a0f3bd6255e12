//===- ScanUnit.cpp - one translation unit through clang-tidy -------------===//
//
// What clang::tidy::runClangTidy does, plus a second AST consumer that records the unit's
// thread facts for the cross-TU pass, and a file system of its own so that units can run in
// parallel (ClangTool changes the working directory of the file system it is given, which for
// the process-wide real file system is the process's).
//
//===----------------------------------------------------------------------===//
#include "ScanUnit.h"
#include "ContentHash.h"
#include "Scan.h"
#include "TidyOptions.h"
#include "UnitInputs.h"
#include "common/LocalParents.h"
#include "common/PerUnit.h"
#include "off-thread-access/ThreadAnalysis.h"
#include "off-thread-access/ThreadFacts.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Serialization/PCHContainerOperations.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstddef>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace pixmapcache::scan {

using namespace clang;
using namespace clang::tidy;
using clang::tidy::pixmapcache::OffThreadAccessCheckName;
using clang::tidy::pixmapcache::PerUnit;
using clang::tidy::pixmapcache::ThreadAnalysisOptions;
using clang::tidy::pixmapcache::ThreadFacts;
using clang::tidy::pixmapcache::UnitThreadFacts;

namespace {

/// Reads sources once per unit to turn offsets into lines and columns.
class SourceFiles {
public:
  /// The text of `File`, or empty when it cannot be read.
  llvm::StringRef text(const std::string &File) { return read(File).Text; }

  /// Called for every site of the unit's thread facts (thousands where a project's own
  /// headers are large): the path and the line table are computed once per file.
  Position locate(llvm::StringRef Path, llvm::StringRef BuildDirectory, unsigned Offset) {
    Position P;
    if (Path.empty())
      return P;
    auto [Absolute, New] = AbsolutePaths.try_emplace((BuildDirectory + "\n" + Path).str());
    if (New)
      Absolute->second = absolute(Path, BuildDirectory);
    P.File = Absolute->second;
    P.Offset = Offset;
    const Source &File = read(P.File);
    if (Offset > File.Text.size())
      return P;
    // LineStarts holds 0 and every offset just after a '\n'.
    const auto Next = llvm::upper_bound(File.LineStarts, Offset);
    P.Line = Next - File.LineStarts.begin();
    P.Column = Offset - *std::prev(Next) + 1;
    return P;
  }

  /// The line of `P`, white space runs collapsed to one space and trimmed.
  std::string normalisedLine(const Position &P) {
    llvm::StringRef Text = text(P.File);
    if (P.Line == 0 || P.Offset > Text.size() || P.Column - 1 > P.Offset)
      return "";
    const size_t Start = P.Offset - (P.Column - 1);
    return normalised(Text.substr(Start).split('\n').first);
  }

  /// A hash of the nearest lines above and below `P` that are not blank (normalised), or
  /// empty when the file cannot be read.
  std::string surroundings(const Position &P) {
    const Source &File = read(P.File);
    if (P.Line == 0 || P.Line > File.LineStarts.size() || File.Text.empty())
      return "";
    auto LineText = [&](size_t Index) {
      const size_t Begin = File.LineStarts[Index];
      return normalised(File.Text.substr(Begin).split('\n').first);
    };
    std::string Above, Below;
    for (size_t I = P.Line - 1; I-- > 0 && Above.empty();)
      Above = LineText(I);
    for (size_t I = P.Line; I < File.LineStarts.size() && Below.empty(); ++I)
      Below = LineText(I);
    return contentHash(Above + "\n" + Below);
  }

  static std::string absolute(llvm::StringRef Path, llvm::StringRef Directory) {
    llvm::SmallString<256> Abs(Path);
    if (!llvm::sys::path::is_absolute(Abs) && !Directory.empty()) {
      Abs = Directory;
      llvm::sys::path::append(Abs, Path);
    }
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    return std::string(Abs);
  }

private:
  /// `Line` with white space runs collapsed to one space and trimmed.
  static std::string normalised(llvm::StringRef Line) {
    std::string Out;
    bool Space = false;
    for (char C : Line.trim()) {
      const bool IsSpace = llvm::isSpace(C);
      if (IsSpace && !Space)
        Out += ' ';
      else if (!IsSpace)
        Out += C;
      Space = IsSpace;
    }
    return Out;
  }

  struct Source {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    llvm::StringRef Text;
    std::vector<unsigned> LineStarts;
  };

  const Source &read(const std::string &File) {
    auto [It, Inserted] = Files.try_emplace(File);
    Source &S = It->second;
    if (Inserted) {
      if (auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true)) {
        S.Buffer = std::move(*Buffer);
        S.Text = S.Buffer->getBuffer();
      }
      S.LineStarts.push_back(0);
      for (size_t I = 0; I != S.Text.size(); ++I)
        if (S.Text[I] == '\n')
          S.LineStarts.push_back(I + 1);
    }
    return S;
  }

  std::map<std::string, Source> Files;
  llvm::StringMap<std::string> AbsolutePaths; // by build directory and path as given
};

/// The physical file system in the working directory of another one: the tool's, which the
/// tool sets to each command's directory. The options provider reads the .clang-tidy files
/// through it, so that a relative `file` entry finds its configuration from the entry's
/// directory, as in clang-tidy; they are not recorded as the unit's inputs, since the
/// configuration is part of the cache key.
class InWorkingDirectoryOf : public llvm::vfs::ProxyFileSystem {
public:
  explicit InWorkingDirectoryOf(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Tool)
      : ProxyFileSystem(llvm::vfs::createPhysicalFileSystem()), Tool(std::move(Tool)) {}

  llvm::ErrorOr<std::string> getCurrentWorkingDirectory() const override {
    return Tool->getCurrentWorkingDirectory();
  }
  std::error_code setCurrentWorkingDirectory(const llvm::Twine &) override {
    return std::make_error_code(std::errc::operation_not_permitted);
  }
  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    return ProxyFileSystem::status(absolute(Path));
  }
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    return ProxyFileSystem::openFileForRead(absolute(Path));
  }

private:
  llvm::SmallString<256> absolute(const llvm::Twine &Path) const {
    llvm::SmallString<256> Absolute;
    Path.toVector(Absolute);
    // Left relative only when the tool has no working directory: then the lookup misses.
    (void)makeAbsolute(Absolute);
    return Absolute;
  }

  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Tool;
};

/// Limits the traversal of everything after it to the declarations outside system headers,
/// as clangd limits its checks to the main file. Every check skips system headers anyway, but
/// the matchers would still visit all of Qt.
class UserCodeScope : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &Context) override {
    Context.setTraversalScope(clang::tidy::pixmapcache::userCodeDecls(Context));
  }
};

/// Records the unit's thread facts once the whole AST is there: the ones the off-thread
/// check collected (it runs before this consumer, and this consumer holds the unit's
/// UnitThreadFacts from the start, so both see the same), or its own where the check did not
/// ask.
class ThreadFactsConsumer : public ASTConsumer {
public:
  ThreadFactsConsumer(ClangTidyContext &TidyContext, const ClangTidyOptions::OptionMap &Options,
                      std::optional<UnitThreads> &Out, SourceFiles &Files)
      : Options(ClangTidyCheck::OptionsView(OffThreadAccessCheckName, Options, &TidyContext)),
        // The unit's WarningsAsErrors, for what the cross-TU pass reports in its files.
        FindingsAreErrors(TidyContext.treatAsError(OffThreadAccessCheckName)),
        BuildDirectory(TidyContext.getCurrentBuildDirectory()), Out(Out), Files(Files) {}

  void Initialize(ASTContext &Context) override { Unit = PerUnit<UnitThreadFacts>::get(Context); }

  void HandleTranslationUnit(ASTContext &Context) override {
    const ThreadFacts &Facts = Unit->facts(Options);
    const SourceManager &SM = Context.getSourceManager();
    UnitThreads &Threads = Out.emplace();
    Threads.Summary = Facts.Summary;
    Threads.Grouping = Options.grouping();
    Threads.FindingsAreErrors = FindingsAreErrors;
    Threads.Sites.reserve(Facts.Sites.size());
    for (SourceLocation Loc : Facts.Sites) {
      const SourceLocation FileLoc = SM.getFileLoc(Loc);
      const std::pair<FileID, unsigned> Decomposed = SM.getDecomposedLoc(FileLoc);
      Threads.Sites.push_back(
          Files.locate(SM.getFilename(FileLoc), BuildDirectory, Decomposed.second));
    }
    Unit.reset();
  }

private:
  const ThreadAnalysisOptions Options;
  const bool FindingsAreErrors;
  const std::string BuildDirectory;
  std::optional<UnitThreads> &Out;
  SourceFiles &Files;
  std::shared_ptr<UnitThreadFacts> Unit;
};

class ScanActionFactory : public tooling::FrontendActionFactory {
public:
  ScanActionFactory(ClangTidyContext &Context,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                    std::optional<UnitThreads> &Threads, SourceFiles &Files)
      : Context(Context), ConsumerFactory(Context, std::move(FS)), Threads(Threads), Files(Files) {}

  std::unique_ptr<FrontendAction> create() override { return std::make_unique<Action>(*this); }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // As clang-tidy: code may test __clang_analyzer__ to hide things from analysers.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    return FrontendActionFactory::runInvocation(std::move(Invocation), Files,
                                                std::move(PCHContainerOps), DiagConsumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    explicit Action(ScanActionFactory &Factory) : Factory(Factory) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                   llvm::StringRef File) override {
      return Factory.createConsumer(Compiler, File);
    }

  private:
    ScanActionFactory &Factory;
  };

  std::unique_ptr<ASTConsumer> createConsumer(CompilerInstance &Compiler, llvm::StringRef File) {
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(std::make_unique<UserCodeScope>());
    // Sets the context's current file, so the check filter and options below are the file's.
    Consumers.push_back(ConsumerFactory.createASTConsumer(Compiler, File));
    if (Context.isCheckEnabled(OffThreadAccessCheckName))
      Consumers.push_back(std::make_unique<ThreadFactsConsumer>(
          Context, ConsumerFactory.getCheckOptions(), Threads, Files));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

  ClangTidyContext &Context;
  ClangTidyASTConsumerFactory ConsumerFactory;
  std::optional<UnitThreads> &Threads;
  SourceFiles &Files;
};

/// .clang-tidy ExtraArgs / ExtraArgsBefore, as clang-tidy applies them.
tooling::ArgumentsAdjuster extraArgsAdjuster(ClangTidyContext &Context) {
  return [&Context](const tooling::CommandLineArguments &Args, llvm::StringRef File) {
    ClangTidyOptions Opts = Context.getOptionsForFile(File);
    tooling::CommandLineArguments Adjusted = Args;
    if (Opts.ExtraArgsBefore) {
      auto I = Adjusted.begin();
      if (I != Adjusted.end() && !llvm::StringRef(*I).starts_with("-"))
        ++I; // the compiler
      Adjusted.insert(I, Opts.ExtraArgsBefore->begin(), Opts.ExtraArgsBefore->end());
    }
    if (Opts.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Opts.ExtraArgs->begin(), Opts.ExtraArgs->end());
    return Adjusted;
  };
}

Finding toFinding(const ClangTidyError &Error, SourceFiles &Files) {
  Finding F;
  F.Check = Error.DiagnosticName;
  // WarningsAsErrors: clang-tidy prints these as errors and fails on them.
  F.Severity = Error.DiagLevel == tooling::Diagnostic::Error || Error.IsWarningAsError
                   ? Level::Error
                   : Level::Warning;
  F.Message = Error.Message.Message;
  F.Where = Files.locate(Error.Message.FilePath, Error.BuildDirectory, Error.Message.FileOffset);
  F.LineText = Files.normalisedLine(F.Where);
  F.Context = Files.surroundings(F.Where);
  for (const tooling::DiagnosticMessage &N : Error.Notes)
    F.Notes.push_back({N.Message, Files.locate(N.FilePath, Error.BuildDirectory, N.FileOffset)});
  for (const auto &[Path, Replacements] : Error.Message.Fix) {
    if (Replacements.empty())
      continue;
    std::string File = SourceFiles::absolute(Path, Error.BuildDirectory);
    for (const tooling::Replacement &R : Replacements)
      F.Fixes.emplace_back(File, R.getOffset(), R.getLength(), R.getReplacementText());
    std::string Hash = contentHash(Files.text(File));
    F.FixedSources.push_back({std::move(File), std::move(Hash)});
  }
  return F;
}

} // namespace

UnitResult scanUnit(const tooling::CompilationDatabase &Database, llvm::StringRef File,
                    const ScanOptions &Options, UnitInputs *Inputs) {
  UnitResult Result;
  Result.File = File.str();
  SourceFiles Files;

  // A physical file system has a working directory of its own, unlike the real one.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Physical = llvm::vfs::createPhysicalFileSystem();
  if (Inputs)
    Physical = recordingFileSystem(std::move(Physical), *Inputs);
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
      new llvm::vfs::OverlayFileSystem(std::move(Physical)));
  ClangTidyContext Context(makeOptionsProvider(Options, new InWorkingDirectoryOf(FS)));

  tooling::ClangTool Tool(Database, {Result.File}, std::make_shared<PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  Tool.appendArgumentsAdjuster(extraArgsAdjuster(Context));
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  // Without carets clang does not print "N warnings generated" for every unit: the findings
  // are reported by the scanner, and parallel units would interleave those lines.
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", tooling::ArgumentInsertPosition::END));

  ClangTidyDiagnosticConsumer DiagConsumer(Context, nullptr, /*RemoveIncompatibleErrors=*/true,
                                           /*GetFixesFromNotes=*/false);
  DiagnosticsEngine Engine(new DiagnosticIDs(), new DiagnosticOptions(), &DiagConsumer,
                           /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
  Tool.setDiagnosticConsumer(&DiagConsumer);

  ScanActionFactory Factory(Context, FS, Result.Threads, Files);
  Result.Failed = Tool.run(&Factory) != 0;
  for (const ClangTidyError &Error : DiagConsumer.take()) {
    Result.Findings.push_back(toFinding(Error, Files));
    // Errors without a location (a missing source, a bad command) belong to the unit.
    if (Result.Findings.back().Where.File.empty())
      Result.Findings.back().Where.File = Result.File;
  }
  if (Result.Failed &&
      llvm::none_of(Result.Findings, [](const Finding &F) { return F.Severity == Level::Error; })) {
    Finding F;
    F.Check = "clang-diagnostic-error";
    F.Severity = Level::Error;
    F.Message = "the translation unit could not be compiled";
    F.Where.File = Result.File;
    Result.Findings.push_back(std::move(F));
  }
  return Result;
}

} // namespace pixmapcache::scan

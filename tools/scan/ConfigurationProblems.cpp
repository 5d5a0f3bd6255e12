//===- ConfigurationProblems.cpp - a configuration that would not apply ---===//
//
// Reads the configuration of each directory that holds a unit through the scan's own
// provider, with its file parsers watched, and builds the checks it enables once per
// distinct configuration: their constructors report the values they cannot use, as in
// clang-tidy, and the reports are collected instead of printed per unit.
//
//===----------------------------------------------------------------------===//
#include "ConfigurationProblems.h"
#include "TidyOptions.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <memory>
#include <string>
#include <vector>

namespace pixmapcache::scan {

using namespace clang::tidy;

std::vector<std::string> configurationProblems(const ScanOptions &Options,
                                               llvm::ArrayRef<std::string> Units) {
  auto Unparsable = std::make_shared<UnparsableConfigFiles>();
  ClangTidyContext Context(
      makeOptionsProvider(Options, llvm::vfs::createPhysicalFileSystem(), Unparsable));
  ClangTidyDiagnosticConsumer Reports(Context);
  clang::DiagnosticsEngine Engine(new clang::DiagnosticIDs(), new clang::DiagnosticOptions(),
                                  &Reports, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
  ClangTidyASTConsumerFactory Checks(Context);
  const NamesAndOptions Known = getAllChecksAndOptions();
  std::vector<std::string> Unknown;

  // A directory's units share its configuration files; equal configurations, their checks.
  llvm::StringSet<> Directories, Configurations;
  for (const std::string &Unit : Units) {
    if (!Directories.insert(llvm::sys::path::parent_path(Unit)).second)
      continue;
    Context.setCurrentFile(Unit);
    const ClangTidyOptions &InEffect = Context.getOptions();
    if (!Configurations.insert(configurationAsText(InEffect)).second)
      continue;
    for (const auto &Option : InEffect.CheckOptions)
      if (Option.getKey().starts_with("pixmapcache-") && !Known.Options.contains(Option.getKey()))
        Unknown.push_back("unknown check option '" + Option.getKey().str() + "'");
    // Constructing the checks is what makes them report their options' values.
    Checks.getCheckOptions();
  }

  std::vector<std::string> Problems;
  llvm::StringSet<> Said;
  auto Say = [&](std::string Problem) {
    if (Said.insert(Problem).second)
      Problems.push_back(std::move(Problem));
  };
  for (const std::string &File : *Unparsable) {
    auto [Path, Why] = llvm::StringRef(File).rsplit(": ");
    Say("'" + Path.str() + "' is not a clang-tidy configuration (" + Why.str() +
        "): clang-tidy would go on without it");
  }
  for (std::string &Option : Unknown)
    Say(std::move(Option));
  for (const ClangTidyError &Report : Reports.take())
    Say(Report.Message.Message);
  return Problems;
}

} // namespace pixmapcache::scan

//===- TidyOptions.cpp - the clang-tidy options of a scan -----------------===//
#include "TidyOptions.h"
#include "CommandLine.h"
#include "RegisteredChecks.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pixmapcache::scan {

using namespace clang::tidy;

namespace {

/// The options clang-tidy's provider `Base` gives, with one last word of ours: the scanner
/// runs only our checks. Compiler warnings are not findings either; compiler errors always
/// are (clang-tidy reports them whatever the check filter).
template <typename Base> class ScanOptionsProvider : public Base {
public:
  template <typename... Args>
  explicit ScanOptionsProvider(std::shared_ptr<UnparsableConfigFiles> Unparsable, Args &&...A)
      : Base(std::forward<Args>(A)...) {
    if (!Unparsable)
      return;
    for (auto &[Name, Parse] : this->ConfigHandlers)
      Parse = [Parse = std::move(Parse), Unparsable](llvm::MemoryBufferRef Text) {
        llvm::ErrorOr<ClangTidyOptions> Parsed = Parse(Text);
        if (!Parsed)
          Unparsable->push_back(Text.getBufferIdentifier().str() + ": " +
                                Parsed.getError().message());
        return Parsed;
      };
  }
  std::vector<ClangTidyOptionsProvider::OptionsSource>
  getRawOptions(llvm::StringRef FileName) override {
    std::vector<ClangTidyOptionsProvider::OptionsSource> Sources = Base::getRawOptions(FileName);
    ClangTidyOptions Restrict;
    Restrict.Checks = "-clang-analyzer-*,-clang-diagnostic-*";
    Sources.emplace_back(std::move(Restrict), "pixmapcache-scan");
    return Sources;
  }
};

llvm::Expected<ClangTidyOptions> parseConfig(llvm::StringRef Text, llvm::StringRef Source) {
  llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfiguration(llvm::MemoryBufferRef(Text, Source));
  if (!Parsed)
    return llvm::createStringError(
        llvm::Twine(Source) + ": not a clang-tidy configuration: " + Parsed.getError().message());
  return std::move(*Parsed);
}

} // namespace

llvm::Expected<ScanOptions> scanOptions(const ScanConfig &Config) {
  ScanOptions Options;
  Options.Checks = Config.Checks;
  if (!Config.ConfigText.empty() && !Config.ConfigFile.empty())
    return llvm::createStringError("--config and --config-file exclude each other");
  if (!Config.ConfigText.empty()) {
    auto Parsed = parseConfig(Config.ConfigText, "--config");
    if (!Parsed)
      return Parsed.takeError();
    Options.Config = std::move(*Parsed);
  }
  if (!Config.ConfigFile.empty()) {
    auto Text = llvm::MemoryBuffer::getFile(Config.ConfigFile);
    if (!Text)
      return llvm::createStringError("cannot read --config-file '" + Config.ConfigFile +
                                     "': " + Text.getError().message());
    auto Parsed = parseConfig((*Text)->getBuffer(), Config.ConfigFile);
    if (!Parsed)
      return Parsed.takeError();
    Options.Config = std::move(*Parsed);
  }
  ClangTidyOptions &Overrides = Options.Overrides;
  if (!Config.Checks.empty())
    Overrides.Checks = Config.Checks;
  if (Config.WarningsAsErrors)
    Overrides.WarningsAsErrors = *Config.WarningsAsErrors;
  if (Config.HeaderFilter)
    Overrides.HeaderFilterRegex = *Config.HeaderFilter;
  if (Config.ExcludeHeaderFilter)
    Overrides.ExcludeHeaderFilterRegex = *Config.ExcludeHeaderFilter;
  if (Config.SystemHeaders)
    Overrides.SystemHeaders = *Config.SystemHeaders;
  if (!Config.ExtraArgs.empty())
    Overrides.ExtraArgs = Config.ExtraArgs;
  if (!Config.ExtraArgsBefore.empty())
    Overrides.ExtraArgsBefore = Config.ExtraArgsBefore;
  if (!Config.LineFilter.empty())
    if (std::error_code E = parseLineFilter(Config.LineFilter, Options.Global))
      return llvm::createStringError("--line-filter: " + E.message());
  return Options;
}

bool checkFilterKeepsAny(llvm::StringRef Checks) {
  // The filter comes last, after the defaults and the .clang-tidy files: where it matches a
  // name, its verdict stands; where it does not, the earlier ones decide ("*" stands for them).
  const GlobList Kept(("*," + Checks).str());
  return llvm::any_of(
      clang::tidy::pixmapcache::registeredCheckNames(), [&](const std::string &Name) {
        return llvm::StringRef(Name).starts_with("pixmapcache-") && Kept.contains(Name);
      });
}

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const ScanOptions &Options, llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                    std::shared_ptr<UnparsableConfigFiles> Unparsable) {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,pixmapcache-*";
  Defaults.WarningsAsErrors = "";
  if (Options.Config)
    return std::make_unique<ScanOptionsProvider<ConfigOptionsProvider>>(
        std::move(Unparsable), Options.Global, std::move(Defaults), *Options.Config,
        Options.Overrides, std::move(FS));
  return std::make_unique<ScanOptionsProvider<FileOptionsProvider>>(
      std::move(Unparsable), Options.Global, std::move(Defaults), Options.Overrides, std::move(FS));
}

} // namespace pixmapcache::scan

//===- TidyOptions.h - the clang-tidy options of a scan -------------------===//
//
// What clang-tidy's own flags (--checks, --config, --config-file, --warnings-as-errors,
// --header-filter, --exclude-header-filter, --system-headers, --extra-arg,
// --extra-arg-before, --line-filter) make of the .clang-tidy files, built once from the
// command line and handed to every unit. Defined in TidyOptions.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_TIDYOPTIONS_H
#define PIXMAPCACHE_TOOLS_SCAN_TIDYOPTIONS_H

#include "CommandLine.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm::vfs {
class FileSystem;
}

namespace pixmapcache::scan {

struct ScanOptions {
  std::string Checks; ///< --checks, applied after the configuration; empty: none
  /// --config or --config-file: used instead of the .clang-tidy files, as clang-tidy does.
  std::optional<clang::tidy::ClangTidyOptions> Config;
  /// What the flags set over any configuration (Checks, WarningsAsErrors, header filters,
  /// extra arguments).
  clang::tidy::ClangTidyOptions Overrides;
  clang::tidy::ClangTidyGlobalOptions Global; ///< --line-filter
};

/// The options the command line gives, or the usage error: an unreadable --config-file, a
/// configuration that does not parse, a malformed --line-filter, --config with --config-file.
llvm::Expected<ScanOptions> scanOptions(const ScanConfig &Config);

/// Whether the --checks filter `Checks` leaves some pixmapcache check on (a .clang-tidy file
/// may still turn it off for its directory).
bool checkFilterKeepsAny(llvm::StringRef Checks);

/// The configuration files a provider could not parse, as "path: reason": clang-tidy's own
/// provider prints the error and goes on without the file.
using UnparsableConfigFiles = std::vector<std::string>;

/// The provider clang-tidy would build from these options, with one last word of ours: the
/// scanner runs only our checks, even where a configuration says `*`. With `Unparsable`, each
/// configuration file that does not parse is added to it.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeOptionsProvider(const ScanOptions &Options, llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                    std::shared_ptr<UnparsableConfigFiles> Unparsable = nullptr);

} // namespace pixmapcache::scan

#endif

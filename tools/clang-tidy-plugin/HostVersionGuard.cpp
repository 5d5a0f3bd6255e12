//===- HostVersionGuard.cpp - refuse to run inside the wrong clang-tidy ---===//
//
// The plugin is compiled against one clang's headers and resolves every clang symbol from
// the clang-tidy that loads it. In a clang-tidy of another major version the class layouts
// differ and the checks would crash or misreport, sometimes long after loading. Stop at once
// with a message that says what to do instead.
//
//===----------------------------------------------------------------------===//
#include "clang/Basic/Version.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <string>

namespace {

/// The major version in "Debian clang version 19.1.7 (...)", or 0 if there is none.
unsigned majorVersionOf(const std::string &FullVersion) {
  const std::string::size_type At = FullVersion.find("version ");
  if (At == std::string::npos)
    return 0;
  return static_cast<unsigned>(std::strtoul(FullVersion.c_str() + At + 8, nullptr, 10));
}

struct HostVersionGuard {
  HostVersionGuard() {
    const std::string Host = clang::getClangFullVersion();
    if (majorVersionOf(Host) == PIXMAPCACHE_BUILT_FOR_MAJOR)
      return;
    llvm::errs() << "error: libPixmapCacheTidy was built for clang-tidy "
                 << PIXMAPCACHE_BUILT_FOR_MAJOR << " but is loaded into '" << Host
                 << "'; run it with clang-tidy-" << PIXMAPCACHE_BUILT_FOR_MAJOR
                 << ", or rebuild the plugin with -DLLVM_DIR pointing at this clang's "
                    "lib/cmake/llvm\n";
    llvm::errs().flush();
    std::_Exit(EXIT_FAILURE);
  }
} Guard;

} // namespace

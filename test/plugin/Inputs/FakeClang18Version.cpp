// Preloaded into clang-tidy-19, this makes the host report itself as clang 18, the way a
// clang-tidy-18 that loads our plugin would.
#include <string>

namespace clang {
std::string getClangFullVersion() {
  return "Debian clang version 18.1.8 (fake host for the version-guard test)";
}
} // namespace clang

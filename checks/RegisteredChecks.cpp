//===- RegisteredChecks.cpp -----------------------------------------------===//
#include "RegisteredChecks.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

#include <string>
#include <vector>

namespace clang::tidy::pixmapcache {

const std::vector<std::string> &registeredCheckNames() {
  // Modules register themselves when their library is loaded, before any check is made: the
  // list is read once, not for every check of every unit.
  static const std::vector<std::string> Names = [] {
    std::vector<std::string> Found;
    for (const auto &Entry : ClangTidyModuleRegistry::entries()) {
      ClangTidyCheckFactories Factories;
      Entry.instantiate()->addCheckFactories(Factories);
      for (const auto &Factory : Factories)
        Found.push_back(Factory.getKey().str());
    }
    return Found;
  }();
  return Names;
}

} // namespace clang::tidy::pixmapcache

//===- RegisteredChecks.cpp -----------------------------------------------===//
#include "RegisteredChecks.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::pixmapcache {

std::vector<std::string> registeredCheckNames() {
  std::vector<std::string> Names;
  for (const auto &Entry : ClangTidyModuleRegistry::entries()) {
    ClangTidyCheckFactories Factories;
    Entry.instantiate()->addCheckFactories(Factories);
    for (const auto &Factory : Factories)
      Names.push_back(Factory.getKey().str());
  }
  return Names;
}

} // namespace clang::tidy::pixmapcache

//===- RegisteredChecks.h - the names of every check clang-tidy knows -----===//
#ifndef PIXMAPCACHE_CHECKS_REGISTEREDCHECKS_H
#define PIXMAPCACHE_CHECKS_REGISTEREDCHECKS_H

#include <string>
#include <vector>

namespace clang::tidy::pixmapcache {

/// The names of the checks of every module registered in this process: ours, and in
/// clang-tidy or clangd the built-in ones.
const std::vector<std::string> &registeredCheckNames();

} // namespace clang::tidy::pixmapcache

#endif

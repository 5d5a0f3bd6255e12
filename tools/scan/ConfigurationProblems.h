//===- ConfigurationProblems.h - a configuration that would not apply -----===//
//
// clang-tidy goes on when a .clang-tidy does not parse (without that file: another
// directory's configuration applies) or when an option of a check has a value the check
// cannot use (with a warning in every unit). In CI both pass unnoticed, so the scanner finds
// them before it scans and stops. Defined in ConfigurationProblems.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_CONFIGURATIONPROBLEMS_H
#define PIXMAPCACHE_TOOLS_SCAN_CONFIGURATIONPROBLEMS_H

#include "TidyOptions.h"

#include "llvm/ADT/ArrayRef.h"
#include <string>
#include <vector>

namespace pixmapcache::scan {

/// What in the configurations of `Units` would not apply as written: each configuration file
/// that does not parse, each option of a pixmapcache check that no check has, and each value
/// a check reports it cannot use. One message per problem, each once; none: empty.
std::vector<std::string> configurationProblems(const ScanOptions &Options,
                                               llvm::ArrayRef<std::string> Units);

} // namespace pixmapcache::scan

#endif

//===- OutputFile.h - writing the scanner's files atomically --------------===//
//
// Every file the scanner writes goes through writeOutputFile: complete or not at all, so a
// full disk or an interrupted run never leaves a truncated file. Defined in OutputFile.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_OUTPUTFILE_H
#define PIXMAPCACHE_TOOLS_SCAN_OUTPUTFILE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace pixmapcache::scan {

/// Writes `Write`'s output to `Path` ("-" or empty: stdout). A file is written under a
/// temporary name and renamed when complete, so that a full disk or an interrupted run never
/// leaves a truncated report or source behind; devices and pipes are written in place.
/// The error is "cannot write 'Path': reason".
llvm::Error writeOutputFile(llvm::StringRef Path,
                            llvm::function_ref<void(llvm::raw_ostream &)> Write);

} // namespace pixmapcache::scan

#endif

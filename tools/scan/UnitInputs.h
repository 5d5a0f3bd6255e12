//===- UnitInputs.h - what a translation unit read from the file system ---===//
//
// The result cache (ResultCache.h) may reuse a unit's result only while everything the unit
// read is as it was: the files it opened, and the directories in which it looked for a file
// that was not there (an include search). A file created in such a directory changes the
// directory's modification time, so a header that would now shadow another one is seen.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_UNITINPUTS_H
#define PIXMAPCACHE_TOOLS_SCAN_UNITINPUTS_H

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace pixmapcache::scan {

/// The absolute paths a unit read.
struct UnitInputs {
  llvm::StringSet<> Files;       ///< opened for reading
  llvm::StringSet<> Directories; ///< listed, or searched for a name that was missing
};

/// A file system that records into `Inputs` what is read through it.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
recordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base, UnitInputs &Inputs);

} // namespace pixmapcache::scan

#endif

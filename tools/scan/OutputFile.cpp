//===- OutputFile.cpp - writing the scanner's files atomically ------------===//
//
// Writes to a temporary file next to the target and renames it when complete; stdout,
// devices and pipes are written in place. A write error (EFBIG included) is an llvm::Error.
//
//===----------------------------------------------------------------------===//
#include "OutputFile.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <csignal>
#include <signal.h>
#include <system_error>
#include <utility>

namespace pixmapcache::scan {

namespace {

llvm::Error writeError(llvm::StringRef Path, std::error_code EC) {
  return llvm::createStringError("cannot write '" + Path + "': " + EC.message());
}

} // namespace

llvm::Error writeOutputFile(llvm::StringRef Path,
                            llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  // Past a file size limit (ulimit -f) a write fails with EFBIG, reported below, instead of
  // raising SIGXFSZ, which LLVM's signal handlers take for a crash.
  std::signal(SIGXFSZ, SIG_IGN);
  auto Flush = [&](llvm::raw_fd_ostream &OS) -> std::error_code {
    OS.flush();
    const std::error_code EC = OS.error();
    // Cleared, or the stream would end the process with a fatal error when it is destroyed.
    OS.clear_error();
    return EC;
  };
  if (Path.empty() || Path == "-") {
    Write(llvm::outs());
    if (std::error_code EC = Flush(llvm::outs()))
      return writeError("<stdout>", EC);
    return llvm::Error::success();
  }
  llvm::sys::fs::file_status Existing;
  const bool Exists = !llvm::sys::fs::status(Path, Existing);
  if (Exists && Existing.type() != llvm::sys::fs::file_type::regular_file) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
    if (!EC) {
      Write(OS);
      EC = Flush(OS);
    }
    return EC ? writeError(Path, EC) : llvm::Error::success();
  }
  llvm::Expected<llvm::sys::fs::TempFile> Temp =
      llvm::sys::fs::TempFile::create(Path + ".tmp-%%%%%%");
  if (!Temp)
    return writeError(Path, llvm::errorToErrorCode(Temp.takeError()));
  std::error_code EC;
  {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    Write(OS);
    EC = Flush(OS);
  }
  if (!EC && Exists)
    EC = llvm::sys::fs::setPermissions(Temp->FD, Existing.permissions());
  if (EC) {
    llvm::consumeError(Temp->discard());
    return writeError(Path, EC);
  }
  if (llvm::Error E = Temp->keep(Path))
    return writeError(Path, llvm::errorToErrorCode(std::move(E)));
  return llvm::Error::success();
}

} // namespace pixmapcache::scan

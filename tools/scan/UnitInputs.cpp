//===- UnitInputs.cpp - what a translation unit read from the file system -===//
#include "UnitInputs.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ErrorOr.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <memory>
#include <system_error>

namespace pixmapcache::scan {

namespace {

class RecordingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  RecordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base, UnitInputs &Inputs)
      : ProxyFileSystem(std::move(Base)), Inputs(Inputs) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    llvm::ErrorOr<llvm::vfs::Status> Status = ProxyFileSystem::status(Path);
    if (!Status)
      recordMissing(Path);
    return Status;
  }

  bool exists(const llvm::Twine &Path) override {
    const bool Exists = ProxyFileSystem::exists(Path);
    if (!Exists)
      recordMissing(Path);
    return Exists;
  }

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    auto File = ProxyFileSystem::openFileForRead(Path);
    if (!File) {
      recordMissing(Path);
      return File;
    }
    // open() succeeds on a directory too (include directories are probed so): what matters
    // there is which names it holds.
    llvm::ErrorOr<llvm::vfs::Status> Status = (*File)->status();
    if (Status && Status->isDirectory())
      Inputs.Directories.insert(absolute(Path));
    else
      Inputs.Files.insert(absolute(Path));
    return File;
  }

  llvm::vfs::directory_iterator dir_begin(const llvm::Twine &Dir, std::error_code &EC) override {
    Inputs.Directories.insert(absolute(Dir));
    return ProxyFileSystem::dir_begin(Dir, EC);
  }

private:
  std::string absolute(const llvm::Twine &Path) {
    llvm::SmallString<256> Abs;
    Path.toVector(Abs);
    if (!llvm::sys::path::is_absolute(Abs))
      if (auto Directory = getCurrentWorkingDirectory())
        llvm::sys::fs::make_absolute(*Directory, Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    return std::string(Abs);
  }

  /// A name looked up and not found: its directory decides whether it may appear.
  void recordMissing(const llvm::Twine &Path) {
    Inputs.Directories.insert(llvm::sys::path::parent_path(absolute(Path)));
  }

  UnitInputs &Inputs;
};

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
recordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base, UnitInputs &Inputs) {
  return llvm::makeIntrusiveRefCnt<RecordingFileSystem>(std::move(Base), Inputs);
}

} // namespace pixmapcache::scan

//===- ResultCache.cpp - unit results kept between scans ------------------===//
#include "ResultCache.h"
#include "ContentHash.h"
#include "ShardFormat.h"
#include "UnitInputs.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <system_error>
#include <utility>
#include <vector>

extern char **environ;

namespace pixmapcache::scan {

namespace fs = llvm::sys::fs;

namespace {

/// Bumped whenever an entry's layout or the meaning of a key changes; entries of other
/// formats live in other directories and are never read.
constexpr llvm::StringLiteral Format = "v1";

/// A file mtime this close to the time its entry was stored may hide a later change of the
/// same size (file systems with coarse timestamps): such a file is checked by its content.
constexpr int64_t RacyNs = 2'000'000'000;

int64_t nanoseconds(llvm::sys::TimePoint<> Time) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Time.time_since_epoch()).count();
}

/// The scanner's own build: the content of its executable, so that a rebuild with any change
/// to the checks misses.
const std::string &toolIdentity() {
  static const std::string Identity = [] {
    static int Anchor;
    const std::string Self = fs::getMainExecutable(nullptr, &Anchor);
    std::optional<std::string> Hash = fileContentHash(Self);
    // Without it every key is unique to this run: a miss each time, never a wrong hit.
    return Hash ? *Hash : contentHash(std::to_string(llvm::sys::Process::getProcessId()) + Self);
  }();
  return Identity;
}

/// The environment the compiler and our checks read.
std::string relevantEnvironment() {
  std::vector<std::string> Variables;
  for (char **Entry = environ; *Entry; ++Entry) {
    const llvm::StringRef Variable(*Entry);
    const llvm::StringRef Name = Variable.split('=').first;
    if (Name.starts_with("PIXMAPCACHE_") || Name.ends_with("_INCLUDE_PATH") || Name == "CPATH" ||
        Name == "SDKROOT")
      Variables.push_back(Variable.str());
  }
  llvm::sort(Variables);
  return llvm::join(Variables, "\n");
}

/// The names in a directory, as a hash: a file created or removed there changes it.
std::string hashOfListing(llvm::StringRef Directory) {
  std::vector<std::string> Names;
  std::error_code E;
  for (fs::directory_iterator It(Directory, E, /*follow_symlinks=*/false), End; It != End && !E;
       It.increment(E))
    Names.push_back(llvm::sys::path::filename(It->path()).str());
  if (E)
    return "";
  llvm::sort(Names);
  return contentHash(llvm::join(Names, "\n"));
}

struct FileState {
  uint64_t Size;
  int64_t ModifiedNs;
};

std::optional<FileState> stateOf(llvm::StringRef Path) {
  fs::file_status Status;
  if (fs::status(Path, Status))
    return std::nullopt;
  return FileState{Status.getSize(), nanoseconds(Status.getLastModificationTime())};
}

/// Whether the files and directories an entry recorded are as they were.
bool inputsUnchanged(const llvm::json::Object &Header) {
  const std::optional<int64_t> Stored = Header.getInteger("stored");
  const llvm::json::Array *Files = Header.getArray("files");
  const llvm::json::Array *Directories = Header.getArray("directories");
  if (!Stored || !Files || !Directories)
    return false;
  for (const llvm::json::Value &Entry : *Files) {
    const llvm::json::Array *File = Entry.getAsArray();
    if (!File || File->size() != 4)
      return false;
    const std::optional<llvm::StringRef> Path = (*File)[0].getAsString();
    const std::optional<int64_t> Size = (*File)[1].getAsInteger();
    const std::optional<int64_t> Modified = (*File)[2].getAsInteger();
    const std::optional<llvm::StringRef> Hash = (*File)[3].getAsString();
    if (!Path || !Size || !Modified || !Hash)
      return false;
    const std::optional<FileState> Now = stateOf(*Path);
    if (!Now || Now->Size != static_cast<uint64_t>(*Size))
      return false;
    if (Now->ModifiedNs == *Modified && *Modified < *Stored - RacyNs)
      continue;
    if (fileContentHash(*Path) != Hash->str())
      return false;
  }
  for (const llvm::json::Value &Entry : *Directories) {
    const llvm::json::Array *Directory = Entry.getAsArray();
    if (!Directory || Directory->size() != 3)
      return false;
    const std::optional<llvm::StringRef> Path = (*Directory)[0].getAsString();
    const std::optional<int64_t> Modified = (*Directory)[1].getAsInteger();
    const std::optional<llvm::StringRef> Listing = (*Directory)[2].getAsString();
    if (!Path || !Modified || !Listing)
      return false;
    const std::optional<FileState> Now = stateOf(*Path);
    // -1: the directory did not exist, and must not now.
    if (*Modified == -1) {
      if (Now)
        return false;
      continue;
    }
    if (!Now)
      return false;
    if (Now->ModifiedNs == *Modified && *Modified < *Stored - RacyNs)
      continue;
    if (hashOfListing(*Path) != *Listing)
      return false;
  }
  return true;
}

} // namespace

std::string defaultCacheDirectory() {
  llvm::SmallString<256> Directory;
  if (const char *Xdg = std::getenv("XDG_CACHE_HOME"); Xdg && *Xdg)
    Directory = Xdg;
  else if (const char *Home = std::getenv("HOME"); Home && *Home)
    llvm::sys::path::append(Directory, Home, ".cache");
  else
    return "";
  llvm::sys::path::append(Directory, "pixmapcache-scan");
  return std::string(Directory);
}

std::optional<uint64_t> parseCacheSize(llvm::StringRef Text) {
  uint64_t Scale = 1;
  if (!Text.empty()) {
    const char Unit = llvm::toLower(Text.back());
    const size_t Shift = Unit == 'k' ? 10 : Unit == 'm' ? 20 : Unit == 'g' ? 30 : 0;
    if (Shift) {
      Scale = uint64_t(1) << Shift;
      Text = Text.drop_back();
    }
  }
  uint64_t Value;
  if (Text.empty() || Text.getAsInteger(10, Value) || Value > UINT64_MAX / Scale)
    return std::nullopt;
  return Value * Scale;
}

llvm::Expected<ResultCache> ResultCache::open(llvm::StringRef Directory, uint64_t MaxBytes) {
  if (Directory.empty())
    return llvm::createStringError("no cache directory: set --cache-dir, XDG_CACHE_HOME or HOME");
  llvm::SmallString<256> Entries(Directory);
  fs::make_absolute(Entries);
  llvm::sys::path::append(Entries, Format);
  if (std::error_code E = fs::create_directories(Entries))
    return llvm::createStringError("cannot use the cache directory '" + Directory +
                                   "': " + E.message());
  return ResultCache(std::string(Entries), MaxBytes);
}

std::string ResultCache::keyOf(const clang::tooling::CompilationDatabase &Database,
                               llvm::StringRef File, const clang::tidy::ClangTidyOptions &Effective,
                               llvm::StringRef ScanWide) {
  std::string Key = toolIdentity();
  Key += '\0';
  // The source's own content too: each version of it has an entry of its own, so that going
  // back to a branch finds its results still there.
  Key += fileContentHash(File).value_or("unreadable");
  Key += '\0';
  for (const clang::tooling::CompileCommand &Command : Database.getCompileCommands(File)) {
    Key += Command.Directory + '\0' + Command.Filename + '\0';
    for (const std::string &Argument : Command.CommandLine)
      Key += Argument + '\0';
    Key += '\1';
  }
  Key += clang::tidy::configurationAsText(Effective);
  Key += '\0';
  Key += ScanWide;
  Key += '\0';
  Key += relevantEnvironment();
  return contentHash(Key);
}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key + ".entry");
  return std::string(Path);
}

std::optional<UnitResult> ResultCache::lookup(llvm::StringRef Key) const {
  const std::string Path = entryPath(Key);
  auto Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  const auto [HeaderText, ResultText] = (*Buffer)->getBuffer().split('\n');
  llvm::Expected<llvm::json::Value> Header = llvm::json::parse(HeaderText);
  if (!Header) {
    llvm::consumeError(Header.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *Fields = Header->getAsObject();
  if (!Fields || Fields->getString("result") != contentHash(ResultText) ||
      !inputsUnchanged(*Fields))
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(ResultText);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  llvm::Expected<std::vector<UnitResult>> Units = unitsFromJson(*Parsed);
  if (!Units || Units->size() != 1) {
    if (!Units)
      llvm::consumeError(Units.takeError());
    return std::nullopt;
  }
  // Used now: the last to go when the cache is trimmed.
  ::utimensat(AT_FDCWD, Path.c_str(), nullptr, 0);
  return std::move(Units->front());
}

std::optional<std::vector<std::string>> ResultCache::inputFiles(llvm::StringRef Key) const {
  auto Buffer = llvm::MemoryBuffer::getFile(entryPath(Key), /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Header =
      llvm::json::parse((*Buffer)->getBuffer().split('\n').first);
  if (!Header) {
    llvm::consumeError(Header.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *Fields = Header->getAsObject();
  const llvm::json::Array *Files = Fields ? Fields->getArray("files") : nullptr;
  if (!Files)
    return std::nullopt;
  std::vector<std::string> Paths;
  for (const llvm::json::Value &Entry : *Files)
    if (const llvm::json::Array *File = Entry.getAsArray(); File && !File->empty())
      if (std::optional<llvm::StringRef> Path = (*File)[0].getAsString())
        Paths.push_back(Path->str());
  return Paths;
}

void ResultCache::store(llvm::StringRef Key, const UnitResult &Result, const UnitInputs &Inputs,
                        int64_t ScanStartedNs) const {
  const int64_t Stored = nanoseconds(std::chrono::system_clock::now());
  llvm::json::Array Files, Directories;
  std::vector<llvm::StringRef> Sorted;
  for (const auto &File : Inputs.Files)
    Sorted.push_back(File.getKey());
  llvm::sort(Sorted);
  for (llvm::StringRef File : Sorted) {
    const std::optional<FileState> State = stateOf(File);
    std::optional<std::string> Hash = fileContentHash(File);
    // Changed while the unit was scanned: what it read may not be what is there now.
    if (!State || !Hash || State->ModifiedNs >= ScanStartedNs)
      return;
    Files.push_back(llvm::json::Array{File, static_cast<int64_t>(State->Size), State->ModifiedNs,
                                      std::move(*Hash)});
  }
  Sorted.clear();
  for (const auto &Directory : Inputs.Directories)
    Sorted.push_back(Directory.getKey());
  llvm::sort(Sorted);
  for (llvm::StringRef Directory : Sorted) {
    const std::optional<FileState> State = stateOf(Directory);
    if (State && State->ModifiedNs >= ScanStartedNs)
      return;
    Directories.push_back(llvm::json::Array{Directory, State ? State->ModifiedNs : int64_t(-1),
                                            State ? hashOfListing(Directory) : std::string()});
  }

  std::string ResultText;
  llvm::raw_string_ostream ResultStream(ResultText);
  writeUnitsJson(ResultStream, Result);
  ResultStream.flush();
  const llvm::json::Object Header{{"stored", Stored},
                                  {"files", std::move(Files)},
                                  {"directories", std::move(Directories)},
                                  {"result", contentHash(ResultText)}};

  // Past a file size limit (ulimit -f) the write fails with EFBIG and the entry is dropped,
  // instead of SIGXFSZ ending the unit's process as if it had crashed.
  std::signal(SIGXFSZ, SIG_IGN);
  int FD;
  llvm::SmallString<256> Temporary;
  if (fs::createUniqueFile(Directory + "/%%%%%%%%%%%%.tmp", FD, Temporary))
    return;
  bool Written;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << llvm::json::Value(llvm::json::Object(Header)) << '\n' << ResultText;
    OS.close();
    Written = !OS.has_error();
    OS.clear_error();
  }
  if (!Written || fs::rename(Temporary, entryPath(Key)))
    fs::remove(Temporary);
}

namespace {

struct EntryFile {
  std::string Path;
  uint64_t Size;
  int64_t UsedNs;
};

std::vector<EntryFile> entryFiles(llvm::StringRef Directory, bool WithTemporaries) {
  std::vector<EntryFile> Entries;
  std::error_code E;
  for (fs::directory_iterator It(Directory, E), End; It != End && !E; It.increment(E)) {
    const llvm::StringRef Path = It->path();
    if (!Path.ends_with(".entry") && !(WithTemporaries && Path.ends_with(".tmp")))
      continue;
    if (const std::optional<FileState> State = stateOf(Path))
      Entries.push_back({Path.str(), State->Size, State->ModifiedNs});
  }
  return Entries;
}

} // namespace

ResultCache::Usage ResultCache::usage() const {
  Usage Total;
  for (const EntryFile &Entry : entryFiles(Directory, /*WithTemporaries=*/false)) {
    ++Total.Entries;
    Total.Bytes += Entry.Size;
  }
  return Total;
}

void ResultCache::trim() const {
  std::vector<EntryFile> Entries = entryFiles(Directory, /*WithTemporaries=*/true);
  const int64_t HourAgo = nanoseconds(std::chrono::system_clock::now()) - 3'600'000'000'000;
  llvm::sort(Entries, [](const EntryFile &A, const EntryFile &B) { return A.UsedNs > B.UsedNs; });
  uint64_t Kept = 0;
  for (const EntryFile &Entry : Entries) {
    // A temporary file an hour old is what a killed scan left.
    if (llvm::StringRef(Entry.Path).ends_with(".tmp")) {
      if (Entry.UsedNs < HourAgo)
        fs::remove(Entry.Path);
      continue;
    }
    if (Kept + Entry.Size <= MaxBytes)
      Kept += Entry.Size;
    else
      fs::remove(Entry.Path);
  }
}

llvm::Error ResultCache::clear() const {
  for (const EntryFile &Entry : entryFiles(Directory, /*WithTemporaries=*/true))
    if (std::error_code E = fs::remove(Entry.Path))
      return llvm::createStringError("cannot delete '" + Entry.Path + "': " + E.message());
  return llvm::Error::success();
}

} // namespace pixmapcache::scan

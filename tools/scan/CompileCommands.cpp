//===- CompileCommands.cpp - the database and the units to scan -----------===//
//
// Reads the build directory's compile_commands.json with the errors the command line
// reports, picks the units to scan, and collapses commands that differ only in how they
// spell the directory or the file.
//
//===----------------------------------------------------------------------===//
#include "CompileCommands.h"
#include "Paths.h"

#include "clang/Driver/Types.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include <algorithm>
#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace pixmapcache::scan {

llvm::Expected<LoadedDatabase> loadDatabase(llvm::StringRef BuildDir) {
  if (!llvm::sys::fs::is_directory(BuildDir))
    return llvm::createStringError("build directory '" + BuildDir + "' does not exist");
  llvm::SmallString<256> DatabaseFile(BuildDir);
  llvm::sys::path::append(DatabaseFile, "compile_commands.json");
  if (!llvm::sys::fs::exists(DatabaseFile))
    return llvm::createStringError(
        "no compile_commands.json in '" + BuildDir +
        "' (CMake: -DCMAKE_EXPORT_COMPILE_COMMANDS=ON; make, qmake: bear -- make)");
  // clang's reader is lenient: it keeps the entries before a syntax error (a file cut short,
  // a missing comma) and drops the rest, so a broken database would scan part of a project.
  auto Text = llvm::MemoryBuffer::getFile(DatabaseFile);
  if (!Text)
    return llvm::createStringError("cannot read " + DatabaseFile + ": " +
                                   Text.getError().message());
  if (llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse((*Text)->getBuffer()); !Parsed)
    return llvm::createStringError(DatabaseFile + " is not valid JSON (" +
                                   llvm::toString(Parsed.takeError()) +
                                   "): regenerate it, a scan of part of it would look complete");
  std::string LoadError;
  std::unique_ptr<clang::tooling::JSONCompilationDatabase> Database =
      clang::tooling::JSONCompilationDatabase::loadFromFile(
          DatabaseFile, LoadError, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return llvm::createStringError("cannot read " + DatabaseFile + ": " + LoadError);
  return LoadedDatabase{std::string(DatabaseFile), std::move(Database)};
}

llvm::Expected<std::vector<std::string>>
unitsToScan(const clang::tooling::CompilationDatabase &Database, llvm::StringRef DatabaseFile,
            llvm::ArrayRef<std::string> Files) {
  std::vector<std::string> Units;
  if (Files.empty()) {
    for (const std::string &File : Database.getAllFiles())
      Units.push_back(absolutePath(File));
    if (Units.empty())
      return llvm::createStringError(DatabaseFile + " lists no translation units");
  } else {
    const std::vector<std::string> All = Database.getAllFiles();
    for (const std::string &File : Files) {
      if (llvm::sys::fs::is_regular_file(File)) {
        const std::string Abs = absolutePath(File);
        if (Database.getCompileCommands(Abs).empty())
          return llvm::createStringError("'" + File + "' is not in " + DatabaseFile);
        Units.push_back(Abs);
        continue;
      }
      // Not a file: a regular expression searched in each unit's path, as run-clang-tidy
      // takes it. One that matches nothing is a mistake, not an empty scan.
      const llvm::Regex Pattern(File);
      std::string Invalid;
      if (!Pattern.isValid(Invalid))
        return llvm::createStringError("'" + File +
                                       "' is neither a file nor a regular expression: " + Invalid);
      const size_t Before = Units.size();
      for (const std::string &Unit : All)
        if (Pattern.match(absolutePath(Unit)))
          Units.push_back(absolutePath(Unit));
      if (Units.size() == Before)
        return llvm::createStringError("'" + File + "' is no file and matches no unit of " +
                                       DatabaseFile);
    }
  }
  llvm::sort(Units);
  Units.erase(std::unique(Units.begin(), Units.end()), Units.end());
  return Units;
}

bool hasAst(llvm::StringRef File) {
  namespace types = clang::driver::types;
  const types::ID Type =
      types::lookupTypeForExtension(llvm::sys::path::extension(File).drop_front());
  return Type == types::TY_INVALID || types::isCXX(Type) || types::isObjC(Type) ||
         types::isOpenCL(Type) || Type == types::TY_C || Type == types::TY_PP_C ||
         Type == types::TY_CHeader || Type == types::TY_PP_CHeader;
}

namespace {

std::string resolve(llvm::StringRef Directory, llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Directory, Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// The command with the directory and the file's spellings made absolute.
std::vector<std::string> identity(const clang::tooling::CompileCommand &Command) {
  const std::string File = resolve(Command.Directory, Command.Filename);
  std::vector<std::string> Identity{resolve(Command.Directory, ".")};
  for (const std::string &Argument : Command.CommandLine)
    Identity.push_back(resolve(Command.Directory, Argument) == File ? File : Argument);
  return Identity;
}

} // namespace

std::vector<clang::tooling::CompileCommand>
UniqueCommands::getCompileCommands(llvm::StringRef File) const {
  std::vector<clang::tooling::CompileCommand> Unique;
  std::set<std::vector<std::string>> Seen;
  for (clang::tooling::CompileCommand &Command : Database.getCompileCommands(File))
    if (Seen.insert(identity(Command)).second)
      Unique.push_back(std::move(Command));
  return Unique;
}

} // namespace pixmapcache::scan

//===- CompileCommands.h - the database and the units to scan -------------===//
//
// Loads BUILD_DIR/compile_commands.json, lists the translation units to scan (all, or the
// files named), skips those without an AST, and scans each distinct command once.
// Defined in CompileCommands.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_COMPILECOMMANDS_H
#define PIXMAPCACHE_TOOLS_SCAN_COMPILECOMMANDS_H

#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace pixmapcache::scan {

struct LoadedDatabase {
  std::string Path; ///< BUILD_DIR/compile_commands.json, as the errors name it
  std::unique_ptr<clang::tooling::JSONCompilationDatabase> Commands;
};

/// The compilation database of `BuildDir`, or the usage error: the directory does not exist,
/// has no compile_commands.json, or one that cannot be read.
llvm::Expected<LoadedDatabase> loadDatabase(llvm::StringRef BuildDir);

/// The translation units to scan, absolute, sorted (so that shards are deterministic) and
/// unique: every unit the database lists, or those `Files` names. Each of `Files` is a file,
/// which must be in the database, or else a regular expression searched in the units' paths
/// (as run-clang-tidy takes it), which must match one.
llvm::Expected<std::vector<std::string>>
unitsToScan(const clang::tooling::CompilationDatabase &Database, llvm::StringRef DatabaseFile,
            llvm::ArrayRef<std::string> Files);

/// Whether clang builds an AST for `File`: not for the assembler, Fortran, LLVM IR or object
/// files that some build systems list in the database, which leaves nothing to check. A file
/// of unknown type is scanned: its compile command may say what it is (`-x c++`).
bool hasAst(llvm::StringRef File);

/// A compilation database without repeated commands: merged databases often list one
/// compile command many times, with the file spelled in different ways (`a.cpp`, `./a.cpp`,
/// `src/../a.cpp`), and each would be a compilation of its own. Commands for one file that
/// differ otherwise (two configurations of a build) all stay.
class UniqueCommands : public clang::tooling::CompilationDatabase {
public:
  explicit UniqueCommands(const clang::tooling::CompilationDatabase &Database)
      : Database(Database) {}

  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override;
  std::vector<std::string> getAllFiles() const override { return Database.getAllFiles(); }

private:
  const clang::tooling::CompilationDatabase &Database;
};

} // namespace pixmapcache::scan

#endif

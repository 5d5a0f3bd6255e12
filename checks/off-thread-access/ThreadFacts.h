//===- ThreadFacts.h - per-function thread facts of a translation unit ----===//
//
// The first half of the off-thread analysis: reads a translation unit once and writes down,
// for every function it defines, the GUI-thread-only APIs it uses, the functions it calls or
// hands on (lambdas, function names), the callables it hands back to the GUI thread, and the
// functions that start on a worker thread. The result is a ThreadSummary
// (ThreadCallGraph.h) keyed by USRs, with positions as indices into a table of
// SourceLocations, so a tool can store it per translation unit and merge many of them.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_OFFTHREADACCESS_THREADFACTS_H
#define PIXMAPCACHE_CHECKS_OFFTHREADACCESS_THREADFACTS_H

#include "ThreadCallGraph.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

namespace clang {
class ASTContext;
namespace tidy::pixmapcache {

/// The APIs the analysis knows, as fully qualified names (a leading `::` is optional). Each
/// list extends a built-in one except GuiThreadOnly, which replaces nothing and is the whole
/// list of GUI-thread-only APIs.
struct ThreadApis {
  /// Classes (their constructors other than copy and move, and every member function except
  /// destructor and assignment; for subclasses declared in Qt's headers too) and functions
  /// that may run on the GUI thread only. A QPainter opened on an object of such a class
  /// counts as a use.
  std::vector<llvm::StringRef> GuiThreadOnly;
  /// Functions whose callable arguments run on another thread, besides std::thread & co.
  std::vector<llvm::StringRef> ThreadStartFunctions;
  /// Functions that run on a worker thread; for a virtual method, its overrides too.
  std::vector<llvm::StringRef> ThreadEntryFunctions;
  /// Classes whose `run()` overrides run on a worker thread, besides QThread and QRunnable.
  std::vector<llvm::StringRef> ThreadBaseClasses;
};

struct ThreadFacts {
  ThreadSummary Summary;
  /// Where each SiteId of the summary points.
  std::vector<SourceLocation> Sites;
};

/// Collects the facts of every function definition in the traversal scope of `Context` (the
/// whole translation unit in clang-tidy, the main file's top-level declarations in clangd),
/// outside system headers and Qt's headers (common/LibraryCode.h). Each function body is read
/// once.
ThreadFacts collectThreadFacts(ASTContext &Context, const ThreadApis &Apis);

} // namespace tidy::pixmapcache
} // namespace clang

#endif

//===- WorkerObjects.h - objects moved to a worker thread, and what runs on them -===//
//
// Qt's documented threading pattern first: a QObject moved to a QThread whose slots do the
// work. `renderer->moveToThread(thread)` makes every slot connected to `renderer`, and every
// call queued to it, run on that thread:
//
//   renderer->moveToThread(thread);
//   connect(thread, &QThread::started, renderer, &TileRenderer::warmUp);
//   connect(map, &MapView::tileNeeded, renderer, &TileRenderer::render);
//
// The function collector reports each move and each callable that runs in the thread of an
// object; once the whole unit is read, the callables of objects moved to a worker thread,
// and never back to the GUI thread, become thread entries. An object is followed when an
// expression names it as a variable or a member of `this` (`renderer`, `m_renderer`,
// `&m_renderer`), or as `this` in a constructor that moves it; any other object (one passed
// through a container, a getter, an unknown pointer) is not, and nothing is reported for it.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_OFFTHREADACCESS_WORKEROBJECTS_H
#define PIXMAPCACHE_CHECKS_OFFTHREADACCESS_WORKEROBJECTS_H

#include "ThreadCallGraph.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <vector>

namespace clang {
class Decl;
class Expr;
class FunctionDecl;
namespace tidy::pixmapcache {

/// Which object an expression names, if the analysis can tell: a variable, a member of
/// `this`, or every object of a class that moves itself in its constructor.
struct WorkerObjectKey {
  const Decl *Object = nullptr;
  explicit operator bool() const { return Object; }
};

/// The object `E` names (`renderer`, `m_renderer`, `&m_renderer`, `this` inside a
/// constructor), or an empty key. `Function` is the function `E` is written in.
WorkerObjectKey workerObjectKey(const Expr *E, const FunctionDecl *Function);

/// Where a moveToThread sends an object.
enum class ThreadOfMove {
  Worker,  ///< a thread the program starts (a QThread object, QThread::create)
  Gui,     ///< back to the GUI thread (qApp->thread())
  Unknown, ///< another object's thread, QThread::currentThread(): not followed
};

class WorkerObjects {
public:
  void moved(WorkerObjectKey Object, ThreadOfMove To, SiteId Site);
  /// `Function` (USR `Usr`, `Name` for messages) runs in the thread of the object that
  /// `Receiver` names: a slot connected to it, or a call queued to it, at `Site`.
  void runsOn(const Expr *Receiver, const FunctionDecl *WrittenIn, std::string Usr,
              std::string Name, SiteId Site, EntryKind Kind);
  /// The entries: what runs on objects moved to a worker thread and never moved back.
  void addEntries(std::vector<EntryFact> &Entries) const;

private:
  struct Queued {
    /// The object, and its class for a class that moves itself in its constructor.
    WorkerObjectKey Object, Class;
    std::string Spelling, Usr, Name;
    SiteId Site;
    EntryKind Kind;
  };
  /// The keys moved to a worker thread, with their first move.
  llvm::DenseMap<const Decl *, SiteId> MovedToWorker;
  llvm::DenseSet<const Decl *> MovedBack;
  std::vector<Queued> Callables;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif

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
// and never back to the GUI thread, become thread entries. An object created in a function
// (`auto *timer = new QTimer`, `QObject context;`, `m_helper = new Helper`) lives in the
// thread that runs the function: its callables become entries that hold where that function
// runs on a worker thread (EntryFact::CreatedIn). An object is followed when an
// expression names it as a variable or a member of `this` (`renderer`, `m_renderer`,
// `&m_renderer`), or as `this` in a constructor that moves it; any other object (one passed
// through a container, a getter, an unknown pointer) is not, and nothing is reported for it.
//
// A slot connected directly to a signal (no context object, Qt::DirectConnection) runs in
// whichever thread emits the signal: DirectConnections makes the signal a function of the call
// graph that calls those slots, so a worker that emits it reaches them.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_OFFTHREADACCESS_WORKEROBJECTS_H
#define PIXMAPCACHE_CHECKS_OFFTHREADACCESS_WORKEROBJECTS_H

#include "ThreadCallGraph.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
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

/// What `E` names without parentheses, implicit casts and `&`: `&m_thread` names `m_thread`,
/// `&Loader::done` the signal.
const Expr *withoutAddressOf(const Expr *E);

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
  /// The function with USR `Creator` creates `Object` at `Site`: where that function runs on
  /// a worker thread, the object lives there.
  void created(WorkerObjectKey Object, const std::string &Creator, SiteId Site);
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
  struct Creation {
    std::string Creator; ///< USR of the function that creates the object
    SiteId Site;
  };
  /// The keys created by code, with their first creation.
  llvm::DenseMap<const Decl *, Creation> Created;
  llvm::DenseSet<const Decl *> MovedBack;
  std::vector<Queued> Callables;
};

/// The slots connected directly to the unit's signals. The signals are the user's (a
/// library's signals are emitted in the library), keyed by USR: emitted in one unit and
/// connected in another, they meet in the scanner's merge.
class DirectConnections {
public:
  /// `Slot` (USR `SlotUsr`, `SlotName` for messages) runs when `Signal` is emitted, in the
  /// emitting thread; connected at `Site`.
  void connected(const std::string &SignalUsr, const std::string &SignalName,
                 std::string SlotUsr, std::string SlotName, SiteId Site);
  /// The signals, as functions that call their direct slots.
  void addFunctions(std::vector<FunctionSummary> &Functions);

private:
  std::vector<FunctionSummary> Signals;
  llvm::StringMap<unsigned> Index; ///< by USR, into Signals
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif

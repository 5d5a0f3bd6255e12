//===- ThreadCallGraph.h - which GUI-only calls run on a worker thread? ---===//
//
// The second half of the off-thread analysis, free of clang's AST: per-function summaries
// (what a function calls, which GUI-thread-only APIs it uses, which functions start threads)
// and the reachability over the call graph they form. The clang-tidy check feeds it the
// summary of one translation unit (ThreadFacts.h); the scanner merges the summaries of
// a whole program. Functions are identified by their USR, so the same function defined or
// called in several translation units is one node.
//
// The computation is one breadth-first search from all thread entry points at once: every
// function and call is visited once, so the cost is linear in the size of the call graph,
// and recursion ends because a function is entered only the first time it is reached.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_OFFTHREADACCESS_THREADCALLGRAPH_H
#define PIXMAPCACHE_CHECKS_OFFTHREADACCESS_THREADCALLGRAPH_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::pixmapcache {

/// A position in the source, meaningful to the producer of the summary only (the check: an
/// index into its table of SourceLocations; the scanner: into its table of file positions).
using SiteId = unsigned;

enum class CallKind {
  Call,        ///< a direct call, or a constructor call
  VirtualCall, ///< a call that dispatches dynamically: it may reach every override
  Reference,   ///< a lambda created or a function named (not called) here: it may run here
  ToGuiThread, ///< a callable handed to the GUI thread (QMetaObject::invokeMethod(qApp, ...))
  /// from a signal to a slot connected to it directly (no context object,
  /// Qt::DirectConnection): the slot runs in the thread that emits the signal
  DirectConnection,
};

struct CallFact {
  std::string Callee;     ///< the USR of the called function
  std::string CalleeName; ///< qualified name for messages; empty for a lambda
  SiteId Site;
  CallKind Kind;
};

enum class GuiUseKind { Call, Construction, Painting };
enum class GuiApiKind {
  PixmapCache, ///< QPixmapCache: fails silently off the GUI thread
  Widget,      ///< QWidget and its subclasses
  Pixmap,      ///< QPixmap, and functions that make one (QIcon::pixmap)
  Other,       ///< anything else listed as GUI-thread-only
};

/// A use of a GUI-thread-only API.
struct GuiUseFact {
  SiteId Site;
  GuiUseKind Kind;
  GuiApiKind Api;
  std::string What;    ///< the function called, or the class constructed or painted on
  std::string ApiName; ///< the listed class or function it belongs to
};

struct FunctionSummary {
  std::string Id;                     ///< USR
  std::string Name;                   ///< qualified name for messages; empty for a lambda
  std::vector<std::string> Overrides; ///< USRs of the methods it directly overrides
  std::vector<CallFact> Calls;
  std::vector<GuiUseFact> GuiUses;
};

enum class EntryKind {
  Override,   ///< overrides a thread's run method (QThread::run, QRunnable::run)
  PassedTo,   ///< handed to a function that runs it on another thread (std::thread, ...)
  Configured, ///< listed by the user as running on a worker thread
  /// connected as a slot of an object moved to a worker thread (the worker-object pattern)
  SlotOfWorkerObject,
  /// queued to an object moved to a worker thread (QMetaObject::invokeMethod, QTimer::singleShot)
  QueuedToWorkerObject,
  /// connected directly to QThread::started or QThread::finished, which the thread emits itself
  ThreadSignal,
};

struct EntryFact {
  std::string Function; ///< USR of the function that runs on a worker thread
  std::string Name;     ///< its qualified name for messages; empty for a lambda
  SiteId Site;          ///< the override's declaration, or the callable where it is passed
  EntryKind Kind;
  /// What starts it: the method overridden, the function it is passed to, the worker object
  /// as written.
  std::string Via;
  /// For a worker object's slot or queued call: where the object is moved to the worker, or
  /// created.
  std::optional<SiteId> MovedAt = std::nullopt;
  /// For an object created by code rather than moved: the USR of the function that creates
  /// it. The entry holds only where that function runs on a worker thread.
  std::string CreatedIn = "";
};

/// The facts of one translation unit.
struct ThreadSummary {
  std::vector<FunctionSummary> Functions;
  std::vector<EntryFact> Entries;
};

/// One call on the way from an entry point to a GUI-only use.
struct PathStep {
  unsigned Summary; ///< index of the summary that holds the caller
  const CallFact *Call;
};

/// A GUI-only use reachable from a thread entry point, with a shortest path to it.
struct OffThreadUse {
  unsigned Summary; ///< index of the summary that holds the use
  const FunctionSummary *Function;
  const GuiUseFact *Use;
  unsigned EntrySummary;
  const EntryFact *Entry;
  unsigned PathLength; ///< the number of calls from the entry point to `Function`
  /// The calls on the path, abbreviated to the first one and the last `MaxTailSteps` when it
  /// is longer than `MaxTailSteps + 2`.
  std::vector<PathStep> Path;
};

/// How the uses of one function reached from a worker thread are reported.
enum class UseGrouping {
  /// One finding per function, at its first use, with its other uses as notes: a function
  /// handed to a worker by mistake is one root cause, however many GUI calls it makes.
  PerFunction,
  PerUse, ///< a finding for every use (the option ReportEveryUse)
};

/// One finding: a use, and for UseGrouping::PerFunction the other uses of its function (in
/// the same summary), which it reports as notes.
struct OffThreadFinding {
  OffThreadUse Use;
  std::vector<const GuiUseFact *> AlsoUsed;
};

/// Groups `Uses` (as offThreadUses returns them) into findings. A use for which `FirstSeen`
/// returns false is reported already (a template's other instantiation, an inline function
/// of another unit) and is left out; `FirstSeen` is asked once for every use. `Grouping` says
/// how to report the uses of a function in the given summary.
std::vector<OffThreadFinding>
groupOffThreadUses(std::vector<OffThreadUse> Uses,
                   llvm::function_ref<UseGrouping(unsigned Summary)> Grouping,
                   llvm::function_ref<bool(unsigned Summary, const GuiUseFact &)> FirstSeen);

/// How many calls before the use a reported path keeps after its first one.
inline constexpr unsigned ReportedPathTailSteps = 2;

/// A place in the merged summaries: a site of the summary with that index.
struct SummarySite {
  unsigned Summary;
  SiteId Site;
};

/// One note of an off-thread report, in the order it is printed.
struct OffThreadNote {
  std::string Text;
  SummarySite Where;
};

/// An off-thread finding in words, so that the check (one translation unit) and the scanner
/// (the whole program) report it alike: the warning at the use, then why it is wrong, where a
/// worker object moved, the entry point, the calls on the path, what to do, the other uses.
struct OffThreadReport {
  std::string Message;
  SummarySite Where;
  std::vector<OffThreadNote> Notes;
};

OffThreadReport describeOffThreadFinding(const OffThreadFinding &Finding);

/// Which overrides a virtual call may run.
enum class OverrideScope {
  /// Those defined in the call's own translation unit (class hierarchy analysis over what
  /// the unit sees), as the clang-tidy check does.
  CallingUnit,
  /// Those defined anywhere in the merged summaries.
  AllUnits,
};

class ThreadReachability {
public:
  /// Merges the summaries (of one or many translation units), which must outlive this object.
  explicit ThreadReachability(llvm::ArrayRef<const ThreadSummary *> Summaries,
                              OverrideScope Overrides = OverrideScope::CallingUnit);

  /// Every GUI-only use in a function reachable from an entry point, once, with a shortest
  /// path from the nearest entry point.
  std::vector<OffThreadUse> offThreadUses(unsigned MaxTailSteps) const;

private:
  struct Definition {
    unsigned Summary;
    const FunctionSummary *Function;
  };
  struct Edge {
    unsigned To;
    unsigned Summary;
    const CallFact *Call; ///< null for an edge from a virtual method to an override
  };
  struct Node {
    std::vector<Definition> Definitions;
    std::vector<Edge> Edges;
  };
  /// Where the search came from; the path is read backwards from here.
  struct Visit {
    bool Reached = false;
    unsigned Depth = 0;
    unsigned Parent = 0;
    Edge Via{0, 0, nullptr};
    unsigned EntrySummary = 0;
    const EntryFact *Entry = nullptr;
    PathStep First{0, nullptr};
  };

  unsigned function(llvm::StringRef Id);
  /// The node for "any override of `Id`" that a virtual call in summary `Summary` may run.
  unsigned dispatch(llvm::StringRef Id, unsigned Summary);
  std::vector<Visit> search() const;

  const OverrideScope Overrides;
  std::vector<Node> Nodes;
  llvm::StringMap<unsigned> Functions;
  llvm::StringMap<unsigned> Dispatches;
  struct EntryNode {
    unsigned Node;
    unsigned Summary;
    const EntryFact *Entry;
  };
  std::vector<EntryNode> Entries;
  /// By the node of the function that creates the object: entries that hold once that
  /// function is reached (EntryFact::CreatedIn).
  llvm::DenseMap<unsigned, std::vector<EntryNode>> EntriesWhenReached;
};

} // namespace clang::tidy::pixmapcache

#endif

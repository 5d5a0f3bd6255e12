//===- ThreadCallGraph.cpp ------------------------------------------------===//
#include "ThreadCallGraph.h"
#include "common/SourceText.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::pixmapcache {

unsigned ThreadReachability::function(llvm::StringRef Id) {
  auto [It, Inserted] = Functions.try_emplace(Id, Nodes.size());
  if (Inserted)
    Nodes.emplace_back();
  return It->second;
}

unsigned ThreadReachability::dispatch(llvm::StringRef Id, unsigned Summary) {
  // One dispatch node per unit when calls reach only their own unit's overrides.
  const std::string Key =
      Overrides == OverrideScope::AllUnits ? Id.str() : (llvm::Twine(Summary) + ":" + Id).str();
  auto [It, Inserted] = Dispatches.try_emplace(Key, Nodes.size());
  if (!Inserted)
    return It->second;
  const unsigned Dispatch = Nodes.size();
  Nodes.emplace_back();
  // A virtual call reaches the method itself (when it is not overridden)...
  const unsigned Target = function(Id);
  Nodes[Dispatch].Edges.push_back({Target, 0, nullptr});
  return Dispatch;
}

ThreadReachability::ThreadReachability(llvm::ArrayRef<const ThreadSummary *> Summaries,
                                       OverrideScope Overrides)
    : Overrides(Overrides) {
  for (unsigned S = 0; S != Summaries.size(); ++S) {
    for (const FunctionSummary &F : Summaries[S]->Functions) {
      const unsigned Node = function(F.Id);
      Nodes[Node].Definitions.push_back({S, &F});
      for (const CallFact &Call : F.Calls) {
        if (Call.Kind == CallKind::ToGuiThread)
          continue;
        const unsigned To =
            Call.Kind == CallKind::VirtualCall ? dispatch(Call.Callee, S) : function(Call.Callee);
        Nodes[Node].Edges.push_back({To, S, &Call});
      }
      // ...and every override: dispatch(Base) -> dispatch(Derived) -> Derived. Chaining the
      // dispatch nodes keeps the graph linear in the size of the class hierarchy.
      for (const std::string &Base : F.Overrides) {
        const unsigned From = dispatch(Base, S);
        const unsigned To = dispatch(F.Id, S);
        Nodes[From].Edges.push_back({To, 0, nullptr});
      }
    }
    for (const EntryFact &Entry : Summaries[S]->Entries) {
      const EntryNode Node{function(Entry.Function), S, &Entry};
      if (Entry.CreatedIn.empty())
        Entries.push_back(Node);
      else
        EntriesWhenReached[function(Entry.CreatedIn)].push_back(Node);
    }
  }
}

std::vector<ThreadReachability::Visit> ThreadReachability::search() const {
  std::vector<Visit> Visits(Nodes.size());
  // 0-1 breadth-first search: calls cost one step, dispatch to an override costs none, so
  // the path length counts the calls a reader sees in the source.
  std::deque<unsigned> Queue;
  std::vector<bool> Done(Nodes.size());
  auto Enter = [&](const EntryNode &E) {
    Visit &V = Visits[E.Node];
    if (Done[E.Node] || (V.Reached && V.Depth == 0))
      return;
    V = Visit();
    V.Reached = true;
    V.EntrySummary = E.Summary;
    V.Entry = E.Entry;
    Queue.push_front(E.Node);
  };
  for (const EntryNode &E : Entries)
    Enter(E);
  while (!Queue.empty()) {
    const unsigned From = Queue.front();
    Queue.pop_front();
    if (Done[From])
      continue;
    Done[From] = true;
    // Objects this function creates live on its thread: what runs on them is entered now,
    // at depth 0, so the search stays one pass (their paths start at their own entry).
    if (auto Created = EntriesWhenReached.find(From); Created != EntriesWhenReached.end())
      for (const EntryNode &E : Created->second)
        Enter(E);
    const Visit Here = Visits[From];
    for (const Edge &E : Nodes[From].Edges) {
      const unsigned Cost = E.Call ? 1 : 0;
      Visit &V = Visits[E.To];
      if (Done[E.To] || (V.Reached && V.Depth <= Here.Depth + Cost))
        continue;
      V.Reached = true;
      V.Depth = Here.Depth + Cost;
      V.Parent = From;
      V.Via = E;
      V.EntrySummary = Here.EntrySummary;
      V.Entry = Here.Entry;
      V.First = Here.Depth == 0 && E.Call ? PathStep{E.Summary, E.Call} : Here.First;
      if (Cost)
        Queue.push_back(E.To);
      else
        Queue.push_front(E.To);
    }
  }
  return Visits;
}

std::vector<OffThreadUse> ThreadReachability::offThreadUses(unsigned MaxTailSteps) const {
  // Entries are known only once every summary is in, so the search runs here, once.
  const std::vector<Visit> Visits = search();
  std::vector<OffThreadUse> Uses;
  for (unsigned Node = 0; Node != Nodes.size(); ++Node) {
    const Visit &V = Visits[Node];
    if (!V.Reached || Nodes[Node].Definitions.empty())
      continue;
    // The calls at the end of the path, read backwards through the parents.
    // Leaving out a single call would save no note.
    const bool Abbreviate = V.Depth > MaxTailSteps + 2;
    std::vector<PathStep> Path;
    for (unsigned At = Node; Path.size() != (Abbreviate ? MaxTailSteps : V.Depth);
         At = Visits[At].Parent)
      if (const CallFact *Call = Visits[At].Via.Call)
        Path.push_back({Visits[At].Via.Summary, Call});
    if (Abbreviate)
      Path.push_back(V.First);
    std::reverse(Path.begin(), Path.end());

    for (const Definition &D : Nodes[Node].Definitions)
      for (const GuiUseFact &Use : D.Function->GuiUses)
        Uses.push_back({D.Summary, D.Function, &Use, V.EntrySummary, V.Entry, V.Depth, Path});
  }
  return Uses;
}

std::vector<OffThreadFinding>
groupOffThreadUses(std::vector<OffThreadUse> Uses,
                   llvm::function_ref<UseGrouping(unsigned Summary)> Grouping,
                   llvm::function_ref<bool(unsigned Summary, const GuiUseFact &)> FirstSeen) {
  std::vector<OffThreadFinding> Findings;
  // offThreadUses lists the uses of one function together, in the order of its summary.
  const FunctionSummary *Last = nullptr;
  for (OffThreadUse &Use : Uses) {
    if (!FirstSeen(Use.Summary, *Use.Use))
      continue;
    if (Grouping(Use.Summary) == UseGrouping::PerFunction && Use.Function == Last &&
        !Findings.empty() && Findings.back().Use.Summary == Use.Summary) {
      Findings.back().AlsoUsed.push_back(Use.Use);
      continue;
    }
    Last = Use.Function;
    Findings.push_back({std::move(Use), {}});
  }
  return Findings;
}

static std::string quotedOr(llvm::StringRef Name, llvm::StringRef IfEmpty) {
  return Name.empty() ? IfEmpty.str() : quoted(Name);
}

namespace {

/// The warning at the use, and the notes at the use that say why it is wrong and what to do.
struct UseWords {
  std::string Message;
  std::string Why;
  std::string Advice;
};

UseWords describeGuiUse(const GuiUseFact &Gui) {
  const char *Kind = Gui.Kind == GuiUseKind::Call           ? "call to '"
                     : Gui.Kind == GuiUseKind::Construction ? "construction of '"
                                                            : "painting on a '";
  UseWords Words;
  Words.Message = Kind + Gui.What + "' on a worker thread ";
  switch (Gui.Api) {
  case GuiApiKind::PixmapCache:
    Words.Message += "silently fails";
    Words.Why = "QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and "
                "find return false and the cache never hits";
    Words.Advice = "cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on "
                   "any thread, and create the QPixmap with QPixmap::fromImage on the GUI "
                   "thread";
    break;
  case GuiApiKind::Widget:
    Words.Message += "is undefined";
    Words.Why = "widgets may only be used on the GUI thread";
    Words.Advice = "hand the work to the GUI thread with QMetaObject::invokeMethod(widget, ...) "
                   "or a queued signal";
    break;
  case GuiApiKind::Pixmap:
    Words.Message += "is undefined";
    Words.Why = quotedOr(Gui.ApiName, "this class") + " may only be used on the GUI thread";
    Words.Advice = "work on a QImage in the worker and create the QPixmap with "
                   "QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' "
                   "(<pxc/image_cache.h>) caches QImage on any thread";
    break;
  case GuiApiKind::Other:
    Words.Message += "is undefined";
    Words.Why = quotedOr(Gui.ApiName, "this class") + " may only be used on the GUI thread";
    Words.Advice = "run this code on the GUI thread with QMetaObject::invokeMethod(qApp, ...)";
    break;
  }
  return Words;
}

std::string describeEntry(const EntryFact &Entry) {
  std::string Note = quotedOr(Entry.Name, "the lambda") + " runs on a worker thread: ";
  switch (Entry.Kind) {
  case EntryKind::Override:
    return Note + "it overrides " + quotedOr(Entry.Via, "");
  case EntryKind::PassedTo:
    return Note + "it is passed to " + quotedOr(Entry.Via, "");
  case EntryKind::Configured:
    return Note + "it is listed in ThreadEntryFunctions";
  case EntryKind::SlotOfWorkerObject:
    return Note + "it is connected here as a slot of " + quotedOr(Entry.Via, "") +
           ", which lives on that thread";
  case EntryKind::QueuedToWorkerObject:
    return Note + "it is queued here to " + quotedOr(Entry.Via, "") +
           ", which lives on that thread";
  case EntryKind::ThreadSignal:
    return Note + "it is connected here directly to " + quotedOr(Entry.Via, "") +
           ", which the thread emits";
  }
  llvm_unreachable("unknown entry kind");
}

std::string describeStep(const CallFact &Call) {
  const std::string Callee = quotedOr(Call.CalleeName, "the lambda");
  switch (Call.Kind) {
  case CallKind::VirtualCall:
    return Callee + " is called and may run an override here";
  case CallKind::Reference:
    return Callee + " is passed on and may be called here";
  case CallKind::DirectConnection:
    return Callee + " is connected here directly: it runs in the thread that emits the signal";
  case CallKind::Call:
  case CallKind::ToGuiThread: // never on a path
    return Callee + " is called here";
  }
  llvm_unreachable("unknown call kind");
}

std::string describeAlsoUsed(const GuiUseFact &Use) {
  switch (Use.Kind) {
  case GuiUseKind::Call:
    return quoted(Use.What) + " is also called here";
  case GuiUseKind::Construction:
    return "a " + quoted(Use.What) + " is also constructed here";
  case GuiUseKind::Painting:
    return "a " + quoted(Use.What) + " is also painted on here";
  }
  llvm_unreachable("unknown GUI use kind");
}

} // namespace

OffThreadReport describeOffThreadFinding(const OffThreadFinding &Finding) {
  const OffThreadUse &Use = Finding.Use;
  const EntryFact &Entry = *Use.Entry;
  UseWords Words = describeGuiUse(*Use.Use);
  OffThreadReport Report{std::move(Words.Message), {Use.Summary, Use.Use->Site}, {}};
  Report.Notes.push_back({std::move(Words.Why), Report.Where});
  if (Entry.MovedAt)
    Report.Notes.push_back({quotedOr(Entry.Via, "") +
                                (Entry.CreatedIn.empty() ? " is moved to the worker thread here"
                                                         : " is created here, on a worker thread"),
                            {Use.EntrySummary, *Entry.MovedAt}});
  Report.Notes.push_back({describeEntry(Entry), {Use.EntrySummary, Entry.Site}});

  const unsigned Omitted = Use.PathLength - Use.Path.size();
  for (unsigned I = 0; I != Use.Path.size(); ++I) {
    std::string Note;
    if (I == 1 && Omitted != 0)
      Note =
          "after " + std::to_string(Omitted) + " more " + (Omitted == 1 ? "call" : "calls") + ", ";
    const PathStep &Step = Use.Path[I];
    Report.Notes.push_back({Note + describeStep(*Step.Call), {Step.Summary, Step.Call->Site}});
  }
  Report.Notes.push_back({std::move(Words.Advice), Report.Where});
  for (const GuiUseFact *Other : Finding.AlsoUsed)
    Report.Notes.push_back({describeAlsoUsed(*Other), {Use.Summary, Other->Site}});
  return Report;
}

} // namespace clang::tidy::pixmapcache

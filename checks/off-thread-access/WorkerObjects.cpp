//===- WorkerObjects.cpp - objects moved to a worker thread ---------------===//
#include "WorkerObjects.h"
#include "ThreadCallGraph.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OperationKinds.h"
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::pixmapcache {

const Expr *withoutAddressOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    E = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  return E;
}

WorkerObjectKey workerObjectKey(const Expr *E, const FunctionDecl *Function) {
  E = withoutAddressOf(E);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return {Var->getCanonicalDecl()};
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
        return {Field->getCanonicalDecl()};
  // `moveToThread(&m_thread)` in a constructor moves every object of the class.
  if (isa<CXXThisExpr>(E) && isa_and_nonnull<CXXConstructorDecl>(Function))
    if (const CXXRecordDecl *Class = E->getType()->getPointeeCXXRecordDecl())
      return {Class->getCanonicalDecl()};
  return {};
}

namespace {

/// The class key of what `Receiver` points to: its objects are moved where the class moves
/// itself in its constructor.
WorkerObjectKey classKey(const Expr *Receiver) {
  const CXXRecordDecl *Class =
      Receiver->IgnoreParenImpCasts()->getType()->getPointeeCXXRecordDecl();
  if (!Class)
    Class = Receiver->IgnoreParenImpCasts()->getType()->getAsCXXRecordDecl();
  return {Class ? Class->getCanonicalDecl() : nullptr};
}

/// The receiver as written, for notes: `renderer`, `m_renderer`, `this`.
std::string spelling(const Expr *Receiver) {
  const Expr *E = withoutAddressOf(Receiver);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl()->getNameAsString();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl()->getNameAsString();
  return "this";
}

} // namespace

void WorkerObjects::moved(WorkerObjectKey Object, ThreadOfMove To, SiteId Site) {
  if (!Object)
    return;
  if (To == ThreadOfMove::Worker)
    MovedToWorker.try_emplace(Object.Object, Site);
  else
    // Moved back, or somewhere the analysis cannot tell: which thread it is on when a slot
    // runs depends on the order, so it is not followed at all.
    MovedBack.insert(Object.Object);
}

void WorkerObjects::created(WorkerObjectKey Object, const std::string &Creator, SiteId Site) {
  if (Object)
    Created.try_emplace(Object.Object, Creation{Creator, Site});
}

void WorkerObjects::runsOn(const Expr *Receiver, const FunctionDecl *WrittenIn, std::string Usr,
                           std::string Name, SiteId Site, EntryKind Kind) {
  const WorkerObjectKey Object = workerObjectKey(Receiver, WrittenIn), Class = classKey(Receiver);
  if (Object || Class)
    Callables.push_back(
        {Object, Class, spelling(Receiver), std::move(Usr), std::move(Name), Site, Kind});
}

void WorkerObjects::addEntries(std::vector<EntryFact> &Entries) const {
  for (const Queued &Q : Callables) {
    if (MovedBack.contains(Q.Object.Object) || MovedBack.contains(Q.Class.Object))
      continue;
    bool Moved = false;
    for (WorkerObjectKey Key : {Q.Object, Q.Class}) {
      if (!Key)
        continue;
      if (auto Move = MovedToWorker.find(Key.Object); Move != MovedToWorker.end()) {
        Entries.push_back({Q.Usr, Q.Name, Q.Site, Q.Kind, Q.Spelling, Move->second});
        Moved = true;
        break;
      }
    }
    if (auto Creation = Created.find(Q.Object.Object); !Moved && Creation != Created.end())
      Entries.push_back({Q.Usr, Q.Name, Q.Site, Q.Kind, Q.Spelling, Creation->second.Site,
                         Creation->second.Creator});
  }
}

void DirectConnections::connected(const std::string &SignalUsr, const std::string &SignalName,
                                  std::string SlotUsr, std::string SlotName, SiteId Site) {
  auto [It, New] = Index.try_emplace(SignalUsr, Signals.size());
  if (New) {
    FunctionSummary &Signal = Signals.emplace_back();
    Signal.Id = SignalUsr;
    Signal.Name = SignalName;
  }
  Signals[It->second].Calls.push_back(
      {std::move(SlotUsr), std::move(SlotName), Site, CallKind::DirectConnection});
}

void DirectConnections::addFunctions(std::vector<FunctionSummary> &Functions) {
  for (FunctionSummary &Signal : Signals)
    Functions.push_back(std::move(Signal));
  Signals.clear();
  Index.clear();
}

} // namespace clang::tidy::pixmapcache

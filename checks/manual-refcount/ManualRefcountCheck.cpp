//===- ManualRefcountCheck.cpp - pixmapcache-manual-refcount --------------===//
#include "ManualRefcountCheck.h"
#include "PixmapCacheCheck.h"
#include "RefCounting.h"
#include "common/ExprEquivalence.h"
#include "common/LibraryCode.h"
#include "common/LocalParents.h"
#include "common/SourceText.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/Type.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/ASTMatchers/ASTMatchersMacros.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace clang::ast_matchers;

namespace clang::tidy::pixmapcache {

namespace {

/// Who owns the counted data: a handle class holding a pointer to it (`Key::d`), the counted
/// object itself (`delete this`), or code that only has a pointer (a free function, a static
/// member, a member whose pointer is not one of its fields).
enum class OwnerKind { Handle, Object, Pointer };

/// How a class has one special member function.
enum class Presence {
  Absent,    ///< deleted, or not declared and not implicitly available
  Implicit,  ///< the compiler's memberwise version
  Defaulted, ///< `= default`: memberwise as well
  Defined,   ///< written in this translation unit
  External,  ///< declared here, defined elsewhere
};

struct Special {
  Presence How = Presence::Absent;
  const CXXMethodDecl *Decl = nullptr; ///< the definition when Defined
};

Special classify(const CXXMethodDecl *Method) {
  if (Method->isDeleted())
    return {Presence::Absent, Method};
  if (Method->isImplicit())
    return {Presence::Implicit, Method};
  if (Method->isDefaulted())
    return {Presence::Defaulted, Method};
  const FunctionDecl *Definition = nullptr;
  if (Method->hasBody(Definition) && !Definition->isInvalidDecl())
    return {Presence::Defined, cast<CXXMethodDecl>(Definition)};
  return {Presence::External, Method};
}

bool hasUserMoves(const CXXRecordDecl *Record) {
  return Record->hasUserDeclaredMoveConstructor() || Record->hasUserDeclaredMoveAssignment();
}

Special copyConstructor(const CXXRecordDecl *Record) {
  for (const CXXConstructorDecl *Ctor : Record->ctors())
    if (Ctor->isCopyConstructor())
      return classify(Ctor);
  if (hasUserMoves(Record) || !Record->hasSimpleCopyConstructor())
    return {};
  return {Presence::Implicit, nullptr};
}

Special copyAssignment(const CXXRecordDecl *Record) {
  for (const CXXMethodDecl *Method : Record->methods())
    if (Method->isCopyAssignmentOperator())
      return classify(Method);
  if (hasUserMoves(Record) || !Record->hasSimpleCopyAssignment())
    return {};
  return {Presence::Implicit, nullptr};
}

/// Only user-declared moves: without them a handle with a destructor is moved by copying.
Special moveConstructor(const CXXRecordDecl *Record) {
  for (const CXXConstructorDecl *Ctor : Record->ctors())
    if (Ctor->isMoveConstructor() && !Ctor->isImplicit())
      return classify(Ctor);
  return {};
}

Special moveAssignment(const CXXRecordDecl *Record) {
  for (const CXXMethodDecl *Method : Record->methods())
    if (Method->isMoveAssignmentOperator() && !Method->isImplicit())
      return classify(Method);
  return {};
}

Special destructor(const CXXRecordDecl *Record) {
  // getDestructor() looks the name up, which finds nothing in a class template.
  for (const CXXMethodDecl *Method : Record->methods())
    if (isa<CXXDestructorDecl>(Method))
      return classify(Method);
  return {Presence::Implicit, nullptr};
}

/// Calls `Visit` on every statement of a function: its member initialisers and its body.
template <typename Fn> void forEachStmt(const FunctionDecl *Function, Fn Visit) {
  struct Walker : RecursiveASTVisitor<Walker> {
    Fn &Visit;
    explicit Walker(Fn &Visit) : Visit(Visit) {}
    bool VisitStmt(Stmt *S) {
      Visit(S);
      return true;
    }
  } W(Visit);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Function))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten())
        W.TraverseStmt(Init->getInit());
  W.TraverseStmt(Function->getBody());
}

bool isThisMember(const Expr *E, const FieldDecl *Field) {
  const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenCasts());
  return Member && Member->getMemberDecl() == Field &&
         isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
}

bool isParamMember(const Expr *E, const FieldDecl *Field, const ParmVarDecl *Param) {
  const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenCasts());
  if (!Member || Member->getMemberDecl() != Field)
    return false;
  const auto *Base = dyn_cast<DeclRefExpr>(Member->getBase()->IgnoreParenImpCasts());
  return Base && Base->getDecl() == Param;
}

const ParmVarDecl *sourceParam(const CXXMethodDecl *Method) {
  return Method->getNumParams() == 1 ? Method->getParamDecl(0) : nullptr;
}

/// Whether a copy or move member takes the pointer from its source as it is:
/// `d(other.d)` or `d = other.d`.
bool sharesPointer(const CXXMethodDecl *Method, const FieldDecl *Field) {
  const ParmVarDecl *Param = sourceParam(Method);
  if (!Param)
    return false;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Method))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getMember() == Field && isParamMember(Init->getInit(), Field, Param))
        return true;
  bool Shares = false;
  forEachStmt(Method, [&](const Stmt *S) {
    const auto *Assign = dyn_cast<BinaryOperator>(S);
    if (Assign && Assign->getOpcode() == BO_Assign && isThisMember(Assign->getLHS(), Field) &&
        isParamMember(Assign->getRHS(), Field, Param))
      Shares = true;
  });
  return Shares;
}

/// Whether a move member may change its source: anything but reading its members by value
/// (`other.d = nullptr`, `swap(other)`, `std::exchange(other.d, nullptr)`, `other.reset()`).
bool changesSource(const CXXMethodDecl *Method, LocalParents &Parents) {
  const ParmVarDecl *Param = sourceParam(Method);
  if (!Param)
    return true;
  bool Changes = false;
  forEachStmt(Method, [&](const Stmt *S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(S);
    if (Changes || !Ref || Ref->getDecl() != Param)
      return;
    const Stmt *Use = Ref;
    // Up through the member access, if any, to what is done with the value.
    for (int Step = 0; Step < 3; ++Step) {
      ParentNodes Above = Parents.of(*Use);
      const Stmt *Parent = Above.size() == 1 ? Above[0].get<Stmt>() : nullptr;
      if (!Parent) {
        Changes = true;
        return;
      }
      if (isa<ParenExpr>(Parent) || (isa<MemberExpr>(Parent) && Use == Ref &&
                                     isa<FieldDecl>(cast<MemberExpr>(Parent)->getMemberDecl()))) {
        Use = Parent;
        continue;
      }
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Parent);
          Cast && (Cast->getCastKind() == CK_LValueToRValue ||
                   (Cast->getCastKind() == CK_NoOp && Use == Ref)))
        return;
      Changes = true;
      return;
    }
    Changes = true;
  });
  return Changes;
}

/// `if (this != &other)` or `if (d != other.d)`, in any order or polarity.
bool hasSelfAssignmentGuard(const CXXMethodDecl *Method, const FieldDecl *Field) {
  const ParmVarDecl *Param = sourceParam(Method);
  if (!Param)
    return false;
  auto IsThisSide = [&](const Expr *E) {
    return isa<CXXThisExpr>(E->IgnoreParenImpCasts()) || isThisMember(E, Field);
  };
  auto IsParamSide = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(E); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(AddrOf->getSubExpr()->IgnoreParens()))
        return Ref->getDecl() == Param;
    return isParamMember(E, Field, Param);
  };
  bool Guarded = false;
  forEachStmt(Method, [&](const Stmt *S) {
    const auto *Compare = dyn_cast<BinaryOperator>(S);
    if (Compare && Compare->isEqualityOp() &&
        ((IsThisSide(Compare->getLHS()) && IsParamSide(Compare->getRHS())) ||
         (IsParamSide(Compare->getLHS()) && IsThisSide(Compare->getRHS()))))
      Guarded = true;
  });
  return Guarded;
}

bool alwaysExits(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return !Block->body_empty() && alwaysExits(Block->body_back());
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(S))
    return alwaysExits(Cleanups->getSubExpr());
  return isa<ReturnStmt, CXXThrowExpr>(S);
}

/// The statement just before `S` in its block, if it is an expression.
const Expr *precedingExpr(const Stmt *S, LocalParents &Parents) {
  ParentNodes Above = Parents.of(*S);
  const auto *Block = Above.size() == 1 ? Above[0].get<CompoundStmt>() : nullptr;
  if (!Block)
    return nullptr;
  const Stmt *Previous = nullptr;
  for (const Stmt *Child : Block->body()) {
    if (Child == S)
      return dyn_cast_or_null<Expr>(Previous);
    Previous = Child;
  }
  return nullptr;
}

/// The reference-count test that must hold for `Delete` to run: an enclosing `if` (then
/// branch: the test is true; else branch: false), or an earlier `if (still referenced)
/// return;` in an enclosing block.
std::optional<ReleaseTest> findGuard(const CXXDeleteExpr *Delete, const Stmt *Body,
                                     LocalParents &Parents, ASTContext &Context) {
  const Stmt *Child = Delete;
  while (Child != Body) {
    ParentNodes Above = Parents.of(*Child);
    const Stmt *Parent = Above.size() == 1 ? Above[0].get<Stmt>() : nullptr;
    if (!Parent || isa<LambdaExpr>(Parent))
      return std::nullopt;
    if (const auto *If = dyn_cast<IfStmt>(Parent);
        If && (If->getThen() == Child || If->getElse() == Child))
      if (auto Test = releaseTest(If->getCond(), If->getThen() == Child, precedingExpr(If, Parents),
                                  Context))
        return Test;
    if (const auto *Block = dyn_cast<CompoundStmt>(Parent)) {
      const Stmt *const *Begin = Block->body_begin();
      const Stmt *const *End = Block->body_end();
      const Stmt *const *At = std::find(Begin, End, Child);
      for (const Stmt *const *It = At; It != Begin;) {
        const auto *EarlyExit = dyn_cast<IfStmt>(*--It);
        if (!EarlyExit || EarlyExit->getElse() || !alwaysExits(EarlyExit->getThen()))
          continue;
        const Expr *Before = It == Begin ? nullptr : dyn_cast<Expr>(*std::prev(It));
        if (auto Test = releaseTest(EarlyExit->getCond(), false, Before, Context))
          return Test;
      }
    }
    Child = Parent;
  }
  return std::nullopt;
}

/// Whether the counter lives in the object being deleted: `d->ref` for `delete d`, a
/// member of `this` for `delete this`, `*count` for `delete count`.
bool countsDeletedObject(const Expr *CounterLValue, const Expr *Deleted) {
  const Expr *Holder = counterHolder(CounterLValue);
  if (!Holder)
    return false;
  if (isa<CXXThisExpr>(Deleted))
    return isa<CXXThisExpr>(Holder);
  return isSameLValue(Holder, Deleted);
}

bool hasErrors(const Stmt *S) {
  if (!S)
    return false;
  // An expression's flag covers its subexpressions.
  if (const auto *E = dyn_cast<Expr>(S))
    return E->containsErrors();
  return llvm::any_of(S->children(), hasErrors);
}

/// Half-typed code (clangd checks on every keystroke): the protocol cannot be judged while
/// the function, or a member function of the class, does not compile.
bool isBroken(const NamedDecl *Owner) {
  auto BodyBroken = [](const FunctionDecl *Function) {
    return Function->isInvalidDecl() || hasErrors(Function->getBody());
  };
  if (const auto *Function = dyn_cast<FunctionDecl>(Owner))
    return BodyBroken(Function);
  const auto *Record = cast<CXXRecordDecl>(Owner);
  return Record->isInvalidDecl() ||
         llvm::any_of(Record->methods(), [&](const CXXMethodDecl *Method) {
           const FunctionDecl *Definition = nullptr;
           return Method->hasBody(Definition) && BodyBroken(Definition);
         });
}

/// The class or function that reports are grouped by; lambdas belong to their function.
const NamedDecl *ownerOf(const FunctionDecl *Function) {
  while (const auto *Method = dyn_cast<CXXMethodDecl>(Function)) {
    const CXXRecordDecl *Record = Method->getParent();
    if (!Record->isLambda())
      return Record;
    const auto *Outer = dyn_cast<FunctionDecl>(Record->getDeclContext());
    if (!Outer)
      return Record;
    Function = Outer;
  }
  return Function;
}

/// The handle's field that holds the deleted pointer: `d` itself, or the field a local
/// copy was taken from (`KeyData *old = d;`).
const FieldDecl *pointerField(const Expr *Deleted, const CXXRecordDecl *Handle) {
  for (int Depth = 0; Deleted && Depth < 4; ++Depth) {
    Deleted = Deleted->IgnoreParenCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(Deleted)) {
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      return Field && Field->getParent()->getCanonicalDecl() == Handle->getCanonicalDecl()
                 ? Field
                 : nullptr;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(Deleted);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->isLocalVarDecl())
      return nullptr;
    Deleted = Var->getInit();
  }
  return nullptr;
}

bool isPlainInteger(QualType Type) {
  return !Type.isNull() && !Type->getAs<AtomicType>() && Type->isIntegerType();
}

bool derivesFromQSharedData(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition())
    return false;
  return Record->forallBases([](const CXXRecordDecl *Base) {
    return !Base->getIdentifier() || Base->getName() != "QSharedData";
  }) == false;
}

/// Qt code gets the Qt replacement: Qt's headers are included, or the data or its counter
/// already uses Qt's sharing types.
bool isQtCode(ASTContext &Context, QualType CounterType, const CXXRecordDecl *Data) {
  if (Context.Idents.get("QT_VERSION").hasMacroDefinition() || derivesFromQSharedData(Data))
    return true;
  const CXXRecordDecl *CounterClass = CounterType->getAsCXXRecordDecl();
  return CounterClass && CounterClass->getIdentifier() && CounterClass->getName().starts_with("Q");
}

} // namespace

/// One hazard, to be reported as a note once the warning is out.
struct RefCountHazard {
  enum Kind {
    Race,
    ImplicitCopy,
    CopyWithoutIncrement,
    DecrementFirst,
    MoveLeavesSource,
    NoDestructorDecrement,
    NeverIncremented,
  } What;
  SourceLocation Loc;
  bool IsAssignment = false; ///< for copies and moves: the assignment operator
  bool Flag = false;         ///< defaulted / self-assignment guarded / written destructor
};

/// Everything the notes talk about.
struct RefCountProtocol {
  OwnerKind Kind = OwnerKind::Pointer;
  const NamedDecl *Owner = nullptr;
  const FunctionDecl *Releaser = nullptr; ///< the function with the guarded `delete`
  const CXXRecordDecl *Handle = nullptr;  ///< the owning class, if any
  const CXXRecordDecl *Data = nullptr;    ///< the record holding the counter
  const FieldDecl *Pointer = nullptr;     ///< the handle's pointer to the data
  Counter Count;
  const Expr *CounterExpr = nullptr;
  std::string Deleted;  ///< the deleted expression, quoted
  std::string DataType; ///< the counted type as written in code, unquoted
  /// The names the warning and its notes quote, filled once the rest is known.
  struct {
    std::string Owner, Count, Data, Handle, Pointer;
  } Names;
};

namespace {

class HazardFinder {
public:
  HazardFinder(const RefCountProtocol &P, RefCountIndex &Index, LocalParents &Parents)
      : P(P), Index(Index), Parents(Parents) {}

  std::vector<RefCountHazard> find(const FunctionDecl *Deleting) {
    const Special CopyCtor = P.Handle ? copyConstructor(P.Handle) : Special{};
    const Special CopyAssign = P.Handle ? copyAssignment(P.Handle) : Special{};
    const bool Copyable = CopyCtor.How != Presence::Absent || CopyAssign.How != Presence::Absent;

    if (isPlainInteger(P.CounterExpr->getType()) && !Index.takesLock(Deleting) &&
        (P.Kind != OwnerKind::Handle || Copyable))
      add(RefCountHazard::Race, counterLocation());
    if (P.Kind != OwnerKind::Handle || !P.Pointer)
      return std::move(Found);

    // Without any increment in sight, every copy is a double free: say it once.
    if (!Index.isIncrementedAnywhere(P.Count)) {
      if (copiesPointer(CopyCtor) || copiesPointer(CopyAssign))
        add(RefCountHazard::NeverIncremented, counterLocation());
    } else {
      checkCopy(CopyCtor, /*IsAssignment=*/false);
      checkCopy(CopyAssign, /*IsAssignment=*/true);
    }
    checkMove(moveConstructor(P.Handle), /*IsAssignment=*/false);
    checkMove(moveAssignment(P.Handle), /*IsAssignment=*/true);
    checkDestructor(Deleting);
    return std::move(Found);
  }

private:
  void add(RefCountHazard::Kind What, SourceLocation Loc, bool IsAssignment = false,
           bool Flag = false) {
    Found.push_back({What, Loc, IsAssignment, Flag});
  }

  SourceLocation counterLocation() const {
    if (P.Count.Decl && P.Count.Decl->getLocation().isValid() &&
        (isa<FieldDecl>(P.Count.Decl) || isa<VarDecl>(P.Count.Decl)) &&
        isPlainInteger(P.Count.Decl->getType()) == isPlainInteger(P.CounterExpr->getType()))
      return P.Count.Decl->getLocation();
    return P.CounterExpr->getExprLoc();
  }

  CountSummary summary(const FunctionDecl *Function) {
    const CXXRecordDecl *Related[] = {P.Handle, P.Data};
    return Index.summarize(Function, P.Count, Related);
  }

  bool copiesPointer(const Special &S) {
    switch (S.How) {
    case Presence::Implicit:
    case Presence::Defaulted:
      return true;
    case Presence::Defined: {
      const CountSummary Sum = summary(S.Decl);
      return !Sum.Increments && !Sum.CallsUnknown && sharesPointer(S.Decl, P.Pointer);
    }
    default:
      return false;
    }
  }

  SourceLocation where(const Special &S) const {
    return S.Decl && S.How != Presence::Implicit ? S.Decl->getLocation() : P.Handle->getLocation();
  }

  void checkCopy(const Special &S, bool IsAssignment) {
    if (S.How == Presence::Implicit || S.How == Presence::Defaulted) {
      add(RefCountHazard::ImplicitCopy, where(S), IsAssignment, S.How == Presence::Defaulted);
      return;
    }
    if (S.How != Presence::Defined)
      return;
    const CountSummary Sum = summary(S.Decl);
    if (!Sum.Increments) {
      if (!Sum.CallsUnknown && sharesPointer(S.Decl, P.Pointer))
        add(RefCountHazard::CopyWithoutIncrement, S.Decl->getLocation(), IsAssignment);
      return;
    }
    if (IsAssignment && Sum.Decrements && Sum.DecrementsFirst && Sum.FirstDecrement)
      add(RefCountHazard::DecrementFirst, Sum.FirstDecrement->getExprLoc(), true,
          hasSelfAssignmentGuard(S.Decl, P.Pointer));
  }

  void checkMove(const Special &S, bool IsAssignment) {
    if (S.How == Presence::Defaulted) {
      add(RefCountHazard::MoveLeavesSource, S.Decl->getLocation(), IsAssignment, true);
      return;
    }
    if (S.How != Presence::Defined)
      return;
    const CountSummary Sum = summary(S.Decl);
    if (!Sum.Increments && !Sum.CallsUnknown && sharesPointer(S.Decl, P.Pointer) &&
        !changesSource(S.Decl, Parents))
      add(RefCountHazard::MoveLeavesSource, S.Decl->getLocation(), IsAssignment, false);
  }

  void checkDestructor(const FunctionDecl *Deleting) {
    const Special Dtor = destructor(P.Handle);
    if (Dtor.How == Presence::Implicit || Dtor.How == Presence::Defaulted) {
      add(RefCountHazard::NoDestructorDecrement, where(Dtor), false, false);
      return;
    }
    if (Dtor.How != Presence::Defined || Dtor.Decl == Deleting)
      return;
    const CountSummary Sum = summary(Dtor.Decl);
    if (!Sum.Decrements && !Sum.CallsUnknown)
      add(RefCountHazard::NoDestructorDecrement, Dtor.Decl->getLocation(), false, true);
  }

  const RefCountProtocol &P;
  RefCountIndex &Index;
  LocalParents &Parents;
  std::vector<RefCountHazard> Found;
};

} // namespace

ManualRefcountCheck::ManualRefcountCheck(StringRef Name, ClangTidyContext *Context)
    : PixmapCacheCheck(Name, Context), HazardsOnly(Options.get("HazardsOnly", false)) {}

ManualRefcountCheck::~ManualRefcountCheck() = default;

void ManualRefcountCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "HazardsOnly", HazardsOnly);
}

void ManualRefcountCheck::startTranslationUnit() {
  Index.reset();
  ReportedOwners.clear();
}

namespace {
// A delete written in a library's macro body is the library's own code even where the macro
// is expanded: Qt's QT_DEFINE_QESDP_SPECIALIZATION_DTOR(Class) writes the destructor of
// QExplicitlySharedDataPointer<Class> into the user's source file.
AST_MATCHER(CXXDeleteExpr, isSpelledInLibraryCode) {
  const SourceManager &SM = Finder->getASTContext().getSourceManager();
  return isInLibraryCode(SM, SM.getSpellingLoc(Node.getBeginLoc()));
}
/// Qt's shared data pointers are the replacement this check names. Building Qt itself, their
/// headers are not system headers, and QT_DEFINE_QESDP_SPECIALIZATION_DTOR(Class) writes
/// QExplicitlySharedDataPointer<Class>'s destructor into the source file that uses it.
bool isQtSharedDataPointer(const NamedDecl *Owner) {
  const auto *Class = dyn_cast_or_null<CXXRecordDecl>(Owner);
  if (!Class || !Class->getIdentifier() || !Class->getDeclContext()->isTranslationUnit())
    return false;
  return Class->getName() == "QExplicitlySharedDataPointer" ||
         Class->getName() == "QSharedDataPointer";
}
} // namespace

void ManualRefcountCheck::registerMatchers(MatchFinder *Finder) {
  // Templates are analysed once, in their pattern.
  Finder->addMatcher(
      cxxDeleteExpr(unless(isExpansionInLibraryCode()), unless(isSpelledInLibraryCode()))
          .bind("delete"),
      this);
}

/// The counting protocol around a `delete` guarded by a counter that reaches zero: who owns
/// the data, its counter, what is deleted. std::nullopt when the `delete` is no such release,
/// or a release by a library's protocol.
std::optional<RefCountProtocol> ManualRefcountCheck::findProtocol(const CXXDeleteExpr *Delete,
                                                                  ASTContext &Context) {
  if (Delete->containsErrors() || !Delete->getArgument() ||
      parents(Context).isInTemplateInstantiation(*Delete))
    return std::nullopt;
  const FunctionDecl *Function = parents(Context).enclosingCallable(*Delete);
  if (!Function || Function->isInvalidDecl() || !Function->getBody())
    return std::nullopt;
  const Expr *Deleted = Delete->getArgument()->IgnoreParenCasts();
  const std::optional<ReleaseTest> Guard =
      findGuard(Delete, Function->getBody(), parents(Context), Context);
  if (!Guard || !countsDeletedObject(Guard->Counter, Deleted))
    return std::nullopt;
  const std::optional<Counter> Count = counterOf(Guard->Counter);
  // boost::intrusive_ptr calls this hook to release; it is the library's protocol.
  if (!Count || (Function->getIdentifier() && Function->getName() == "intrusive_ptr_release"))
    return std::nullopt;
  const NamedDecl *Owner = ownerOf(Function);
  if (isQtSharedDataPointer(Owner))
    return std::nullopt;

  RefCountProtocol P;
  P.Kind = OwnerKind::Pointer;
  P.Owner = Owner;
  P.Releaser = Function;
  P.Handle = dyn_cast<CXXRecordDecl>(Owner);
  if (P.Handle && !P.Handle->hasDefinition())
    P.Handle = nullptr;
  P.Count = *Count;
  P.CounterExpr = Guard->Counter;
  P.Deleted = noteSpelling(Deleted, Context, "the data");
  if (isa<CXXThisExpr>(Deleted)) {
    P.Kind = OwnerKind::Object;
    P.Data = P.Handle;
    P.DataType = Owner->getQualifiedNameAsString();
  } else {
    QualType Pointee = Deleted->getType()->getPointeeType();
    P.Data = Pointee.isNull() ? nullptr : Pointee->getAsCXXRecordDecl();
    P.DataType = Pointee.isNull()
                     ? "T"
                     : Pointee.getUnqualifiedType().getAsString(Context.getPrintingPolicy());
    if (P.Handle && (P.Pointer = pointerField(Deleted, P.Handle)))
      P.Kind = OwnerKind::Handle;
  }
  P.Names.Owner = quoted(Owner->getQualifiedNameAsString());
  P.Names.Count = quoted(P.Count.displayName());
  P.Names.Data = quoted(P.DataType);
  P.Names.Handle = P.Kind == OwnerKind::Handle ? P.Names.Owner : P.Names.Data;
  P.Names.Pointer = P.Pointer ? quoted(P.Pointer->getName()) : P.Deleted;
  return P;
}

void ManualRefcountCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Delete = Result.Nodes.getNodeAs<CXXDeleteExpr>("delete");
  ASTContext &Context = *Result.Context;
  const std::optional<RefCountProtocol> P = findProtocol(Delete, Context);
  if (!P || !ReportedOwners.insert(P->Owner->getCanonicalDecl()).second || isBroken(P->Owner))
    return;
  if (!Index)
    Index = std::make_unique<RefCountIndex>(Context);
  const std::vector<RefCountHazard> Hazards =
      HazardFinder(*P, *Index, parents(Context)).find(P->Releaser);
  if (HazardsOnly && Hazards.empty())
    return;
  diag(Delete->getBeginLoc(), "%0 deletes %1 by hand when the reference count %2 drops to zero")
      << P->Names.Owner << P->Deleted << P->Names.Count;
  reportHazards(*P, Hazards);
  suggestReplacement(Delete->getBeginLoc(), *P, Context);
}

void ManualRefcountCheck::reportHazards(const RefCountProtocol &P,
                                        llvm::ArrayRef<RefCountHazard> Hazards) {
  const auto &Names = P.Names;
  for (const RefCountHazard &H : Hazards) {
    switch (H.What) {
    case RefCountHazard::Race:
      diag(H.Loc,
           "%0 is a plain %1, not an atomic: when %select{copies of %3 are made or "
           "destroyed|references to %3 are taken or released}2 in two threads at once, "
           "updates to it are lost and %4 is deleted while still in use, or never",
           DiagnosticIDs::Note)
          << Names.Count << P.CounterExpr->getType() << (P.Kind != OwnerKind::Handle)
          << Names.Handle << P.Deleted;
      break;
    case RefCountHazard::ImplicitCopy:
      diag(H.Loc,
           "the %select{implicit|defaulted}0 copy %select{constructor|assignment operator}1 "
           "of %2 copies %3 without incrementing %4: both copies delete it (double free)",
           DiagnosticIDs::Note)
          << H.Flag << H.IsAssignment << Names.Owner << Names.Pointer << Names.Count;
      break;
    case RefCountHazard::CopyWithoutIncrement:
      diag(H.Loc,
           "this copy %select{constructor|assignment operator}0 copies %1 without "
           "incrementing %2: both copies delete it (double free)",
           DiagnosticIDs::Note)
          << H.IsAssignment << Names.Pointer << Names.Count;
      break;
    case RefCountHazard::DecrementFirst:
      diag(H.Loc,
           "copy assignment decrements %0 before it increments the count of the right-hand "
           "side%select{ and has no self-assignment guard: 'x = x' deletes %1 while 'x' "
           "still uses it|: if the right-hand side is kept alive only by the data released "
           "here, it is deleted before it is copied}2",
           DiagnosticIDs::Note)
          << Names.Count << Names.Pointer << H.Flag;
      break;
    case RefCountHazard::MoveLeavesSource:
      diag(H.Loc,
           "the %select{|defaulted }0move %select{constructor|assignment operator}1 copies "
           "%2 but leaves the source owning it: both destructors decrement %3 (double free)",
           DiagnosticIDs::Note)
          << H.Flag << H.IsAssignment << Names.Pointer << Names.Count;
      break;
    case RefCountHazard::NoDestructorDecrement:
      diag(H.Loc,
           "%select{%1 has no destructor that decrements %2|the destructor never decrements "
           "%2}0: destroying the last %1 leaks %3",
           DiagnosticIDs::Note)
          << H.Flag << Names.Owner << Names.Count << Names.Pointer;
      break;
    case RefCountHazard::NeverIncremented:
      diag(H.Loc,
           "%0 is never incremented in this translation unit, yet %1 is copied: every copy "
           "deletes %2 once more (double free)",
           DiagnosticIDs::Note)
          << Names.Count << Names.Owner << Names.Pointer;
      break;
    }
  }
}

/// The design to use instead: Qt's sharing types in Qt code, std::shared_ptr elsewhere.
void ManualRefcountCheck::suggestReplacement(SourceLocation Delete, const RefCountProtocol &P,
                                             ASTContext &Context) {
  const auto &Names = P.Names;
  const bool Qt = isQtCode(Context, P.CounterExpr->getType(), P.Data);
  const bool IsObject = P.Kind == OwnerKind::Object;
  if (Qt)
    diag(Delete,
         "%select{hold %1 in a 'QExplicitlySharedDataPointer<%2>'%select{ and derive %4 from "
         "'QSharedData'|}3|derive %4 from 'QSharedData' and hold it in "
         "'QExplicitlySharedDataPointer<%2>'}0 instead of counting by hand; "
         "'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a "
         "'std::shared_ptr'",
         DiagnosticIDs::Note)
        << IsObject << Names.Pointer << P.DataType << derivesFromQSharedData(P.Data) << Names.Data;
  else
    diag(Delete,
         "%select{hold %1 in a 'std::shared_ptr<%2>'|own %3 objects through "
         "'std::shared_ptr<%2>'}0 instead of counting by hand, as 'pxc::PixmapCache::Key' in "
         "<pxc/pixmap_cache.h> does",
         DiagnosticIDs::Note)
        << IsObject << Names.Pointer << P.DataType << Names.Data;
}

} // namespace clang::tidy::pixmapcache

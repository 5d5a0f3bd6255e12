//===- ThreadFacts.cpp ----------------------------------------------------===//
#include "ThreadFacts.h"
#include "ThreadCallGraph.h"
#include "WorkerObjects.h"
#include "common/BrokenCode.h"
#include "common/LibraryCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/TemplateBase.h"
#include "clang/AST/Type.h"
#include "clang/Basic/OperatorKinds.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::pixmapcache {

namespace {

/// What a called function means to the analysis; decided once per function.
struct CalleeRole {
  enum {
    Plain,      ///< an ordinary function: an edge of the call graph
    GuiOnly,    ///< a GUI-thread-only API
    Starter,    ///< runs its callable arguments on another thread
    Marshaller, ///< runs its callable arguments in the thread of a context object
    Connector,  ///< stores its callable arguments for later (QObject::connect)
    Mover,      ///< QObject::moveToThread
    /// QFuture::then: runs its callable in the thread that finishes the future (a worker),
    /// or in the thread of a context object
    Continuation,
    Painter, ///< opens a QPainter on its first argument
  } Kind = Plain;
  GuiApiKind Api = GuiApiKind::Other;
  std::string What;    ///< for GuiOnly: the function or class, for Starter: its name
  std::string ApiName; ///< for GuiOnly: the listed class or function
};

/// The qualified name without template arguments (`QFuture::then`, not
/// `QFuture<QImage>::then`): what the lists name.
std::string nameOf(const NamedDecl *D) {
  if (const auto *Specialization = dyn_cast<ClassTemplateSpecializationDecl>(D))
    return nameOf(Specialization->getSpecializedTemplate());
  if (const auto *Specialization = dyn_cast<ClassTemplateSpecializationDecl>(D->getDeclContext()))
    return nameOf(Specialization) + "::" + D->getNameAsString();
  return D->getQualifiedNameAsString();
}

llvm::StringSet<> nameSet(llvm::ArrayRef<llvm::StringRef> Names,
                          llvm::ArrayRef<llvm::StringRef> BuiltIn = {}) {
  llvm::StringSet<> Set;
  for (llvm::ArrayRef<llvm::StringRef> List : {BuiltIn, Names})
    for (llvm::StringRef Name : List)
      Set.insert(Name.trim().ltrim(':'));
  return Set;
}

// clang-format off
const llvm::StringRef BuiltInStarters[] = {
    "std::thread::thread", "std::jthread::jthread", "std::async", "QThread::create",
    "QRunnable::create", "QThreadPool::start", "QThreadPool::tryStart",
    "QThreadPool::startOnReservedThread", "QtConcurrent::run", "QtConcurrent::task",
    "QtConcurrent::map", "QtConcurrent::mapped", "QtConcurrent::mappedReduced",
    "QtConcurrent::filter", "QtConcurrent::filtered", "QtConcurrent::filteredReduced",
    "QtConcurrent::blockingMap", "QtConcurrent::blockingMapped",
    "QtConcurrent::blockingMappedReduced", "QtConcurrent::blockingFilter",
    "QtConcurrent::blockingFiltered", "QtConcurrent::blockingFilteredReduced"};
// clang-format on
const llvm::StringRef BuiltInEntries[] = {"QThread::run", "QRunnable::run"};
/// Objects that live on the GUI thread: a callable queued to them runs there. A QThread
/// object lives in the thread that created it, not in the thread it runs.
const llvm::StringRef GuiContextClasses[] = {"QCoreApplication", "QWidget", "QWindow", "QThread"};

class FactCollector {
public:
  FactCollector(ASTContext &Context, const ThreadApis &Apis)
      : Context(Context), SM(Context.getSourceManager()), GuiOnly(nameSet(Apis.GuiThreadOnly)),
        Starters(nameSet(Apis.ThreadStartFunctions, BuiltInStarters)),
        Entries(nameSet(Apis.ThreadEntryFunctions, BuiltInEntries)),
        BaseClasses(nameSet(Apis.ThreadBaseClasses)),
        GuiContexts(nameSet(Apis.GuiThreadOnly, GuiContextClasses)) {}

  void collect(const FunctionDecl *F);
  /// The facts, once every function is collected.
  ThreadFacts take() {
    Workers.addEntries(Facts.Summary.Entries);
    Connections.addFunctions(Facts.Summary.Functions);
    return std::move(Facts);
  }

  SiteId site(SourceLocation Loc) {
    Facts.Sites.push_back(Loc);
    return Facts.Sites.size() - 1;
  }
  const std::string &usr(const FunctionDecl *F);
  /// The name messages show: qualified, empty for a lambda. Asked at every call site, and
  /// printing a qualified name is not cheap, so each is printed once.
  const std::string &displayName(const FunctionDecl *F) {
    auto [It, Inserted] = DisplayNames.try_emplace(F->getCanonicalDecl());
    if (Inserted) {
      const auto *Method = dyn_cast<CXXMethodDecl>(F);
      if (!Method || !Method->getParent()->isLambda())
        It->second = F->getQualifiedNameAsString();
    }
    return It->second;
  }

  const CalleeRole &role(const FunctionDecl *F);
  /// The class of `Names` that `Class` is or derives from, if any.
  const CXXRecordDecl *listedBase(const CXXRecordDecl *Class, const llvm::StringSet<> &Names);
  const CXXRecordDecl *guiOnlyClass(const CXXRecordDecl *Class) {
    return listedBase(Class, GuiOnly);
  }
  bool isGuiThreadObject(const Expr *E);
  /// Where `moveToThread(Thread)` sends an object.
  ThreadOfMove threadOfMove(const Expr *Thread);
  /// The objects moved to worker threads, and what runs on them.
  WorkerObjects Workers;
  /// The slots that run in the thread that emits their signal.
  DirectConnections Connections;
  /// Whether `E` points to a QObject whose thread runs what is queued to it (a thread pool
  /// runs it on a worker instead).
  bool isContextObject(const Expr *E) {
    return isThreadBoundClass(E->IgnoreParenImpCasts()->getType()->getPointeeCXXRecordDecl());
  }
  /// Whether objects of `Class` are QObjects that run what is queued to them in their thread.
  bool isThreadBoundClass(const CXXRecordDecl *Class) {
    static const llvm::StringSet<> QObject = {"QObject"}, Pool = {"QThreadPool"};
    return Class && listedBase(Class, QObject) && !listedBase(Class, Pool);
  }
  /// Whether `E` creates such an object: `new QTimer`, `QObject()` (whose thread is the
  /// thread that runs the code).
  bool createsThreadBoundObject(const Expr *E) {
    if (!E)
      return false;
    E = E->IgnoreParenImpCasts();
    if (const auto *New = dyn_cast<CXXNewExpr>(E))
      return isThreadBoundClass(New->getAllocatedType()->getAsCXXRecordDecl());
    return isa<CXXConstructExpr>(E) && isThreadBoundClass(E->getType()->getAsCXXRecordDecl());
  }
  /// What kind of GUI-thread-only API a member of `Class`, or `Function`, is: the advice
  /// differs for the cache, widgets, and whatever is or makes a QPixmap.
  GuiApiKind apiKind(const CXXRecordDecl *Class, const FunctionDecl *Function = nullptr) {
    static const llvm::StringSet<> Widget = {"QWidget"}, Pixmap = {"QPixmap"};
    if (Class && nameOf(Class) == "QPixmapCache")
      return GuiApiKind::PixmapCache;
    if (Class && listedBase(Class, Widget))
      return GuiApiKind::Widget;
    const CXXRecordDecl *Returned =
        Function ? Function->getReturnType()->getAsCXXRecordDecl() : nullptr;
    for (const CXXRecordDecl *Candidate : {Class, Returned})
      if (Candidate && listedBase(Candidate, Pixmap))
        return GuiApiKind::Pixmap;
    return GuiApiKind::Other;
  }
  /// Whether `Async`, a call of std::async, may run its callable on another thread.
  bool mayRunAsync(const CallExpr *Async);

  ASTContext &Context;

private:
  void addEntries(const FunctionDecl *F);
  CalleeRole classify(const FunctionDecl *F);

  const SourceManager &SM;
  const llvm::StringSet<> GuiOnly, Starters, Entries, BaseClasses, GuiContexts;
  ThreadFacts Facts;
  /// Owned by pointer: callers keep a role while classifying other functions.
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<CalleeRole>> Roles;
  llvm::DenseMap<const Decl *, std::string> Usrs;
  llvm::DenseMap<const Decl *, std::string> DisplayNames;
  /// Per list of names: the listed class each class is or derives from.
  llvm::DenseMap<const llvm::StringSet<> *,
                 llvm::DenseMap<const CXXRecordDecl *, const CXXRecordDecl *>>
      BaseMemos;
};

const std::string &FactCollector::usr(const FunctionDecl *F) {
  const Decl *Canonical = F->getCanonicalDecl();
  auto [It, Inserted] = Usrs.try_emplace(Canonical);
  if (Inserted) {
    llvm::SmallString<128> Buffer;
    if (index::generateUSRForDecl(Canonical, Buffer))
      // No USR (rare: some implicit declarations): unique within this translation unit.
      It->second = "pxc-local@" + std::to_string(reinterpret_cast<uintptr_t>(Canonical));
    else
      It->second = Buffer.str().str();
    // USRs name lambdas and local classes by their enclosing function only ("@Sa"): two
    // lambdas of one member function, or two instantiations of a template for two lambdas,
    // share a USR. Where one is involved, the position and the template arguments (which
    // print lambdas by position) tell them apart.
    if (StringRef(It->second).contains("@Sa")) {
      llvm::raw_string_ostream Id(It->second);
      Id << '@' << F->getLocation().printToString(SM);
      auto PrintArgs = [&](ArrayRef<TemplateArgument> Args) {
        for (const TemplateArgument &Arg : Args)
          if (Arg.getKind() == TemplateArgument::Type)
            Id << ',' << Arg.getAsType().getAsString();
      };
      if (const TemplateArgumentList *Args = F->getTemplateSpecializationArgs())
        PrintArgs(Args->asArray());
      if (const auto *Specialization =
              dyn_cast<ClassTemplateSpecializationDecl>(F->getDeclContext()))
        PrintArgs(Specialization->getTemplateArgs().asArray());
    }
  }
  return It->second;
}

const CXXRecordDecl *FactCollector::listedBase(const CXXRecordDecl *Class,
                                               const llvm::StringSet<> &Names) {
  Class = Class->getCanonicalDecl();
  auto &Memo = BaseMemos[&Names];
  if (auto It = Memo.find(Class); It != Memo.end())
    return It->second;
  const CXXRecordDecl *Found = nullptr;
  if (Names.contains(nameOf(Class)))
    Found = Class;
  else if (const CXXRecordDecl *Definition = Class->getDefinition())
    for (const CXXBaseSpecifier &Base : Definition->bases())
      if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl())
        if ((Found = listedBase(BaseClass, Names)))
          break;
  Memo[Class] = Found;
  return Found;
}

bool FactCollector::isGuiThreadObject(const Expr *E) {
  // `qApp` is static_cast<QGuiApplication *>(QCoreApplication::instance()): its type says it.
  const QualType Type = E->IgnoreParenImpCasts()->getType();
  const CXXRecordDecl *Class = Type->getPointeeCXXRecordDecl();
  return Class && listedBase(Class, GuiContexts);
}

ThreadOfMove FactCollector::threadOfMove(const Expr *Thread) {
  Thread = Thread->IgnoreParenImpCasts();
  // `QThread *gui = qApp->thread(); ... moveToThread(gui)`: what initialised the variable.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Thread))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->isLocalVarDecl() && Var->getInit())
      if (isa<CallExpr>(Var->getInit()->IgnoreParenImpCasts()))
        Thread = Var->getInit()->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(Thread)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const std::string Name = Callee ? nameOf(Callee) : "";
    if (Name == "QObject::thread") {
      const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
      return Member && isGuiThreadObject(Member->getImplicitObjectArgument())
                 ? ThreadOfMove::Gui
                 : ThreadOfMove::Unknown;
    }
    return Name == "QThread::create" ? ThreadOfMove::Worker : ThreadOfMove::Unknown;
  }
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr, IntegerLiteral>(Thread))
    return ThreadOfMove::Unknown;
  const QualType Type = Thread->getType();
  const CXXRecordDecl *Class = Type->getPointeeCXXRecordDecl();
  static const llvm::StringSet<> QThread = {"QThread"};
  return Class && listedBase(Class, QThread) ? ThreadOfMove::Worker : ThreadOfMove::Unknown;
}

bool FactCollector::mayRunAsync(const CallExpr *Async) {
  if (Async->getNumArgs() == 0)
    return true;
  const Expr *Policy = Async->getArg(0);
  const auto *LaunchType = Policy->getType()->getAs<EnumType>();
  const EnumDecl *Launch = LaunchType ? LaunchType->getDecl() : nullptr;
  if (!Launch || Launch->getName() != "launch" || Policy->isValueDependent())
    return true;
  Expr::EvalResult Value;
  if (!Policy->EvaluateAsInt(Value, Context))
    return true;
  for (const EnumConstantDecl *Enumerator : Launch->enumerators())
    if (Enumerator->getName() == "deferred")
      return Enumerator->getInitVal() != Value.Val.getInt();
  return true;
}

CalleeRole FactCollector::classify(const FunctionDecl *F) {
  const std::string Name = nameOf(F);
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  const CXXRecordDecl *Class = Method ? Method->getParent() : nullptr;
  const auto *Constructor = dyn_cast_or_null<CXXConstructorDecl>(Method);
  // Copies, moves and destruction only pass a handle around: a worker may hold a QPixmap it
  // was given and hand it on.
  const bool HandlesOnly =
      Method &&
      ((Constructor && Constructor->isCopyOrMoveConstructor()) || isa<CXXDestructorDecl>(Method) ||
       Method->isCopyAssignmentOperator() || Method->isMoveAssignmentOperator());
  if (!HandlesOnly && GuiOnly.contains(Name))
    return {CalleeRole::GuiOnly, apiKind(Class, F), Constructor ? nameOf(Class) : Name, Name};
  if (Class && !HandlesOnly)
    if (const CXXRecordDecl *Listed = guiOnlyClass(Class))
      // Methods that user classes add are followed like any function: the check reports
      // what they do, not that they exist. Constructing any widget is wrong, though.
      if (Constructor || Class->getCanonicalDecl() == Listed->getCanonicalDecl() ||
          isDeclaredInLibrary(Class))
        return {CalleeRole::GuiOnly, apiKind(Class, F), Constructor ? nameOf(Class) : Name,
                nameOf(Listed)};
  const std::string Started = isa<CXXConstructorDecl>(F) ? nameOf(Class) : Name;
  if (Starters.contains(Name))
    return {CalleeRole::Starter, GuiApiKind::Other, Started, ""};
  if (Name == "QMetaObject::invokeMethod" || Name == "QTimer::singleShot")
    return {CalleeRole::Marshaller, GuiApiKind::Other, Name, ""};
  if (Name == "QFuture::then" || Name == "QFuture::onFailed" || Name == "QFuture::onCanceled")
    return {CalleeRole::Continuation, GuiApiKind::Other, Name, ""};
  if (Name == "QObject::connect" || Name == "QTimer::callOnTimeout")
    return {CalleeRole::Connector, GuiApiKind::Other, Name, ""};
  if (Name == "QObject::moveToThread")
    return {CalleeRole::Mover, GuiApiKind::Other, Name, ""};
  if ((isa<CXXConstructorDecl>(F) && nameOf(Class) == "QPainter") || Name == "QPainter::begin")
    return {CalleeRole::Painter, GuiApiKind::Other, Name, ""};
  return {};
}

const CalleeRole &FactCollector::role(const FunctionDecl *F) {
  F = F->getCanonicalDecl();
  std::unique_ptr<CalleeRole> &Role = Roles[F];
  if (!Role)
    Role = std::make_unique<CalleeRole>(classify(F));
  return *Role;
}

/// The call operators of a lambda or function object type: for a generic lambda or a
/// templated operator(), the instantiations this translation unit has.
void callOperators(const CXXRecordDecl *Class, ASTContext &Context,
                   llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  Class = Class->getDefinition();
  if (!Class)
    return;
  for (const NamedDecl *D : Class->lookup(Context.DeclarationNames.getCXXOperatorName(OO_Call))) {
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      Out.append(Template->spec_begin(), Template->spec_end());
    else if (const auto *Method = dyn_cast<CXXMethodDecl>(D))
      Out.push_back(Method);
  }
}

/// A method as a string names it: SLOT(render(int)) is "1render(int)", SIGNAL(done()) is
/// "2done()" (with the file and line after a '\0' in a debug build, through qFlagLocation),
/// invokeMethod takes "render".
struct MethodString {
  llvm::StringRef Name; ///< empty when `E` is no such string
  bool Signal = false;
};
MethodString methodStringIn(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
      Call->getDirectCallee()->getName() == "qFlagLocation")
    E = Call->getArg(0)->IgnoreParenImpCasts();
  const auto *Literal = dyn_cast<StringLiteral>(E);
  if (!Literal || Literal->getCharByteWidth() != 1)
    return {};
  llvm::StringRef Text = Literal->getString();
  Text = Text.take_until([](char C) { return C == '\0'; });
  const bool Signal = Text.consume_front("2");
  Text.consume_front("1");
  return {Text.take_until([](char C) { return C == '('; }).trim(), Signal};
}

/// The slot or method a string names; empty for anything else, and for SIGNAL(...): a
/// signal connected to a signal runs no code of its own.
llvm::StringRef methodNameIn(const Expr *E) {
  const MethodString Method = methodStringIn(E);
  return Method.Signal ? "" : Method.Name;
}

/// The member functions of `Class` and its bases named `Name`.
llvm::SmallVector<const FunctionDecl *, 1> methodsNamed(const CXXRecordDecl *Class,
                                                        llvm::StringRef Name) {
  llvm::SmallVector<const FunctionDecl *, 1> Found;
  Class = Class ? Class->getDefinition() : nullptr;
  if (!Class || Name.empty())
    return Found;
  for (const CXXMethodDecl *Method : Class->methods())
    if (Method->getIdentifier() && Method->getName() == Name)
      Found.push_back(Method);
  for (auto Base = Class->bases_begin(); Found.empty() && Base != Class->bases_end(); ++Base)
    Found = methodsNamed(Base->getType()->getAsCXXRecordDecl(), Name);
  return Found;
}

/// Reads one function body (not the bodies of lambdas or local classes in it, which are
/// functions of their own) into its summary.
class BodyReader : public RecursiveASTVisitor<BodyReader> {
public:
  BodyReader(FactCollector &Collector, const FunctionDecl *Function, FunctionSummary &Summary)
      : Collector(Collector), ReadFunction(Function), Summary(Summary) {}

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    if (Lambda->containsErrors())
      return true;
    Lambdas.push_back(Lambda);
    // Init-captures run here; the body runs wherever the lambda is called.
    for (Expr *Init : Lambda->capture_inits())
      if (Init && !TraverseStmt(Init))
        return false;
    return true;
  }
  bool TraverseDecl(Decl *D) {
    // Local classes have functions of their own.
    return isa_and_nonnull<TagDecl>(D) || RecursiveASTVisitor::TraverseDecl(D);
  }
  bool TraverseRecoveryExpr(RecoveryExpr *) { return true; }
  bool TraverseCXXDefaultInitExpr(CXXDefaultInitExpr *Init) {
    return TraverseStmt(Init->getExpr());
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (Call->containsErrors())
      return true;
    Callees.insert(Call->getCallee()->IgnoreParenImpCasts());
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call);
    bool Virtual = false;
    if (MemberCall && MemberCall->getMethodDecl() && MemberCall->getMethodDecl()->isVirtual()) {
      const auto *Member = dyn_cast<MemberExpr>(MemberCall->getCallee()->IgnoreParens());
      Virtual = !(Member && Member->hasQualifier()) &&
                !MemberCall->getMethodDecl()->getDevirtualizedMethod(
                    MemberCall->getImplicitObjectArgument(), false);
    }
    if (Collector.role(Callee).Kind == CalleeRole::Mover && MemberCall && Call->getNumArgs() == 1)
      Collector.Workers.moved(
          workerObjectKey(MemberCall->getImplicitObjectArgument(), ReadFunction),
          Collector.threadOfMove(Call->getArg(0)), site(Call->getExprLoc()));
    if (Collector.role(Callee).Kind == CalleeRole::Starter && nameOf(Callee) == "std::async" &&
        !Collector.mayRunAsync(Call)) {
      call(Callee, Call->getExprLoc(), Virtual); // deferred: runs in the thread that waits
      return true;
    }
    handle(Callee, llvm::ArrayRef(Call->getArgs(), Call->getNumArgs()), Call->getExprLoc(),
           Virtual);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (Construct->containsErrors())
      return true;
    handle(Construct->getConstructor(),
           llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs()), Construct->getBeginLoc(),
           false);
    return true;
  }
  // An object created here lives in the thread that runs this function.
  bool VisitVarDecl(VarDecl *Var) {
    if (Var->isLocalVarDecl() && !Var->isStaticLocal() &&
        Collector.createsThreadBoundObject(Var->getInit()))
      created({Var->getCanonicalDecl()}, Var->getLocation());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Assign) {
    if (Assign->getOpcode() == BO_Assign && !Assign->containsErrors() &&
        Collector.createsThreadBoundObject(Assign->getRHS()))
      created(workerObjectKey(Assign->getLHS(), ReadFunction), Assign->getOperatorLoc());
    return true;
  }
  void created(WorkerObjectKey Object, SourceLocation Loc) {
    Collector.Workers.created(Object, Collector.usr(ReadFunction), site(Loc));
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl());
    if (!Function || Callees.contains(Ref) || Consumed.contains(Ref))
      return true;
    // A function named, not called: passed to an algorithm or stored, it may run here.
    reference(Function, Ref->getLocation());
    return true;
  }

  /// Lambdas that were neither started on a thread nor handed to the GUI thread may run
  /// wherever they were created: when passed to an algorithm, stored and called.
  void finish() {
    for (const LambdaExpr *Lambda : Lambdas)
      if (!Consumed.contains(Lambda))
        for (const FunctionDecl *Operator : lambdaOperators(Lambda))
          reference(Operator, Lambda->getBeginLoc());
  }

private:
  llvm::SmallVector<const FunctionDecl *, 1> lambdaOperators(const LambdaExpr *Lambda) {
    llvm::SmallVector<const FunctionDecl *, 1> Operators;
    callOperators(Lambda->getLambdaClass(), Collector.Context, Operators);
    return Operators;
  }

  /// How far `auto a = ...; auto b = a; run(b);` is followed (`p = p` must end).
  static constexpr unsigned MaxVariableHops = 4;

  /// The functions that `Arg`, a callable argument, may run; marks the lambdas and names
  /// it consists of as accounted for.
  llvm::SmallVector<const FunctionDecl *, 1> callables(const Expr *Arg, unsigned Depth = 0) {
    llvm::SmallVector<const FunctionDecl *, 1> Functions;
    const Expr *E = Arg;
    while (true) {
      E = E->IgnoreParenImpCasts();
      if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
        E = Temporary->getSubExpr();
      else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
        E = Bind->getSubExpr();
      else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
        E = Cast->getSubExpr();
      else if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
               AddressOf && AddressOf->getOpcode() == UO_AddrOf)
        E = AddressOf->getSubExpr();
      // Wrappers such as std::function and copies of the callable.
      else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
               Construct && Construct->getNumArgs() >= 1 &&
               (isDeclaredInLibrary(Construct->getConstructor()) ||
                Construct->getConstructor()->isCopyOrMoveConstructor()))
        E = Construct->getArg(0);
      // std::bind(f, args...) runs f.
      else if (const auto *Bind = dyn_cast<CallExpr>(E);
               Bind && Bind->getNumArgs() >= 1 && Bind->getDirectCallee() &&
               llvm::is_contained({"std::bind", "std::bind_front"},
                                  nameOf(Bind->getDirectCallee())))
        E = Bind->getArg(0);
      else
        break;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
      Consumed.insert(Lambda);
      return lambdaOperators(Lambda);
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl())) {
        Consumed.insert(Ref);
        Functions.push_back(Function);
        return Functions;
      }
      // A local variable passed by name (a lambda, a std::function, a function pointer):
      // what initialised it is passed on.
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->isLocalVarDecl() && Var->getInit() && Depth < MaxVariableHops)
        return callables(Var->getInit(), Depth + 1);
    }
    QualType Type = E->getType().getNonReferenceType();
    if (const CXXRecordDecl *Class = Type->getAsCXXRecordDecl())
      if (!isDeclaredInLibrary(Class))
        callOperators(Class, Collector.Context, Functions);
    return Functions;
  }

  void handle(const FunctionDecl *Callee, llvm::ArrayRef<const Expr *> Args, SourceLocation Loc,
              bool Virtual) {
    const CalleeRole &Role = Collector.role(Callee);
    switch (Role.Kind) {
    case CalleeRole::GuiOnly:
      Summary.GuiUses.push_back(guiUse(Callee, Role, site(Loc)));
      return;
    case CalleeRole::Painter:
      if (!Args.empty())
        if (const CXXRecordDecl *Device =
                Args.front()->IgnoreParenImpCasts()->getType()->getPointeeCXXRecordDecl())
          if (const CXXRecordDecl *Listed = Collector.guiOnlyClass(Device))
            Summary.GuiUses.push_back({site(Args.front()->getBeginLoc()), GuiUseKind::Painting,
                                       Collector.apiKind(Device), nameOf(Device), nameOf(Listed)});
      return;
    case CalleeRole::Starter:
      start(Args, Role.What);
      return;
    case CalleeRole::Continuation:
      if (llvm::none_of(Args, [&](const Expr *Arg) { return Collector.isContextObject(Arg); })) {
        start(Args, Role.What);
        return;
      }
      [[fallthrough]]; // with a context object
    case CalleeRole::Marshaller: {
      // Queued to an object of the GUI thread, the callable runs there: not on this thread.
      // A direct connection runs it here and now.
      const bool ToGui =
          llvm::any_of(Args, [&](const Expr *Arg) { return Collector.isGuiThreadObject(Arg); }) &&
          !isDirect(Args);
      if (ToGui) {
        for (const Expr *Arg : Args)
          for (const FunctionDecl *Function : callables(Arg))
            Summary.Calls.push_back({Collector.usr(Function), Collector.displayName(Function),
                                     site(Arg->getBeginLoc()), CallKind::ToGuiThread});
        return;
      }
      if (Role.Kind == CalleeRole::Marshaller && !isDirect(Args))
        queueToObject(Args);
      return;
    }
    case CalleeRole::Connector:
      if (Role.What == "QObject::connect")
        connect(Args);
      for (const Expr *Arg : Args)
        callables(Arg);
      return;
    case CalleeRole::Mover:
      return; // recorded by VisitCallExpr, which sees the object moved

    case CalleeRole::Plain:
      call(Callee, Loc, Virtual);
      return;
    }
  }

  /// Whether the call asks for Qt::DirectConnection: the callable runs in the calling (or the
  /// emitting) thread, not in the receiver's.
  static bool isDirect(llvm::ArrayRef<const Expr *> Args) {
    return llvm::any_of(Args, [](const Expr *Arg) {
      const auto *Ref = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
      return Ref && isa<EnumConstantDecl>(Ref->getDecl()) &&
             Ref->getDecl()->getName() == "DirectConnection";
    });
  }

  /// connect(sender, signal, [context,] slot[, type]): the slot runs when the signal is
  /// emitted, not here: in the thread of its context object, or, connected directly (no
  /// context object, Qt::DirectConnection), in the thread that emits the signal. (The member
  /// form connect(sender, SIGNAL(...), SLOT(...)) has `this` as its context object.)
  void connect(llvm::ArrayRef<const Expr *> Args) {
    if (Args.size() < 3)
      return;
    const bool WithContext = Args.size() >= 4;
    if (WithContext && !isDirect(Args)) {
      runOnReceiver(Args[2], Args[3], EntryKind::SlotOfWorkerObject);
      return;
    }
    const FunctionDecl *Signal = signalOf(Args[0], Args[1]);
    if (!Signal)
      return;
    const Expr *Slot = WithContext ? Args[3] : Args[2];
    llvm::SmallVector<const FunctionDecl *, 1> Slots = callables(Slot);
    if (Slots.empty() && WithContext)
      Slots = methodsNamed(Args[2]->IgnoreParenImpCasts()->getType()->getPointeeCXXRecordDecl(),
                           methodNameIn(Slot));
    const SiteId Site = site(Collector.Context.getSourceManager().getExpansionLoc(Slot->getBeginLoc()));
    const std::string SignalName = nameOf(Signal);
    for (const FunctionDecl *F : Slots) {
      if (SignalName == "QThread::started" || SignalName == "QThread::finished")
        // A thread emits these itself, on the thread it runs.
        Entries.push_back({Collector.usr(F), Collector.displayName(F), Site,
                           EntryKind::ThreadSignal, SignalName});
      else if (!isDeclaredInLibrary(Signal))
        Collector.Connections.connected(Collector.usr(Signal), Collector.displayName(Signal),
                                        Collector.usr(F), Collector.displayName(F), Site);
    }
  }

  /// The signal that connect's `Signal` argument names, of `Sender`'s class for SIGNAL(...).
  const FunctionDecl *signalOf(const Expr *Sender, const Expr *Signal) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(withoutAddressOf(Signal)))
      return dyn_cast<FunctionDecl>(Ref->getDecl());
    const MethodString Method = methodStringIn(Signal);
    if (!Method.Signal)
      return nullptr;
    llvm::SmallVector<const FunctionDecl *, 1> Named = methodsNamed(
        Sender->IgnoreParenImpCasts()->getType()->getPointeeCXXRecordDecl(), Method.Name);
    // Overloaded signals are told apart by their parameters, which are not followed here.
    return Named.size() == 1 ? Named.front() : nullptr;
  }

  /// QMetaObject::invokeMethod(object, ...), QTimer::singleShot(msec, object, ...): what is
  /// queued runs in the thread of the context object.
  void queueToObject(llvm::ArrayRef<const Expr *> Args) {
    const auto Context =
        llvm::find_if(Args, [&](const Expr *Arg) { return Collector.isContextObject(Arg); });
    if (Context == Args.end())
      return;
    for (const Expr *Arg : llvm::make_range(std::next(Context), Args.end()))
      // Queued to an object that is not moved, it runs in the thread that made that object,
      // which may be this one.
      for (const FunctionDecl *Callable :
           runOnReceiver(*Context, Arg, EntryKind::QueuedToWorkerObject))
        reference(Callable, Arg->getBeginLoc());
  }

  /// `Callable` (a member function, a functor, a lambda, or a SLOT("name()") string) runs
  /// in the thread of the object `Receiver` points to.
  llvm::SmallVector<const FunctionDecl *, 1> runOnReceiver(const Expr *Receiver,
                                                           const Expr *Callable, EntryKind Kind) {
    llvm::SmallVector<const FunctionDecl *, 1> Functions = callables(Callable);
    if (Functions.empty())
      Functions =
          methodsNamed(Receiver->IgnoreParenImpCasts()->getType()->getPointeeCXXRecordDecl(),
                       methodNameIn(Callable));
    // At SLOT(...)'s expansion, not inside Qt's macro.
    const SourceLocation Where =
        Collector.Context.getSourceManager().getExpansionLoc(Callable->getBeginLoc());
    for (const FunctionDecl *F : Functions)
      Collector.Workers.runsOn(Receiver, ReadFunction, Collector.usr(F), Collector.displayName(F),
                               site(Where), Kind);
    return Functions;
  }

  void start(llvm::ArrayRef<const Expr *> Args, const std::string &Via) {
    for (const Expr *Arg : Args)
      for (const FunctionDecl *Function : callables(Arg)) {
        const SiteId Site = site(Arg->getBeginLoc());
        const std::string Name = Collector.displayName(Function);
        const CalleeRole &Role = Collector.role(Function);
        if (Role.Kind != CalleeRole::GuiOnly) {
          Entries.push_back({Collector.usr(Function), Name, Site, EntryKind::PassedTo, Via});
          continue;
        }
        // The thread runs a GUI-only function itself (std::thread(&QPixmapCache::clear)):
        // a thread body of its own, named by its position, holds the use.
        FunctionSummary Thread;
        Thread.Id =
            "pxc-thread@" + Arg->getBeginLoc().printToString(Collector.Context.getSourceManager());
        Thread.Name = Name;
        Thread.GuiUses.push_back(guiUse(Function, Role, Site));
        Entries.push_back({Thread.Id, Name, Site, EntryKind::PassedTo, Via});
        Threads.push_back(std::move(Thread));
      }
  }

  static GuiUseFact guiUse(const FunctionDecl *Callee, const CalleeRole &Role, SiteId Site) {
    return {Site, isa<CXXConstructorDecl>(Callee) ? GuiUseKind::Construction : GuiUseKind::Call,
            Role.Api, Role.What, Role.ApiName};
  }

  void call(const FunctionDecl *Callee, SourceLocation Loc, bool Virtual) {
    // Library functions are leaves, except virtual ones: user classes may override them.
    if (!Virtual && isDeclaredInLibrary(Callee))
      return;
    Summary.Calls.push_back({Collector.usr(Callee), Collector.displayName(Callee), site(Loc),
                             Virtual ? CallKind::VirtualCall : CallKind::Call});
  }
  void reference(const FunctionDecl *Function, SourceLocation Loc) {
    if (isDeclaredInLibrary(Function))
      return;
    Summary.Calls.push_back(
        {Collector.usr(Function), Collector.displayName(Function), site(Loc), CallKind::Reference});
  }

  SiteId site(SourceLocation Loc) {
    return Collector.site(ImplicitMember.isValid() ? ImplicitMember : Loc);
  }

  FactCollector &Collector;
  const FunctionDecl *ReadFunction; ///< whose body this is
  FunctionSummary &Summary;
  llvm::DenseSet<const Expr *> Callees, Consumed;
  std::vector<const LambdaExpr *> Lambdas;

public:
  std::vector<EntryFact> Entries;
  std::vector<FunctionSummary> Threads;
  /// While reading an initialiser the compiler wrote (of a member with a default member
  /// initialiser or a default constructor), the member it initialises: the constructor's
  /// own position would point at the class.
  SourceLocation ImplicitMember;
};

void FactCollector::addEntries(const FunctionDecl *F) {
  if (Entries.contains(nameOf(F))) {
    Facts.Summary.Entries.push_back(
        {usr(F), displayName(F), site(F->getLocation()), EntryKind::Configured, ""});
    return;
  }
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (!Method || !Method->isVirtual())
    return;
  // Any method it overrides, however far up, may be a thread's entry.
  llvm::SmallVector<const CXXMethodDecl *, 4> Work(Method->overridden_methods());
  llvm::SmallPtrSet<const CXXMethodDecl *, 4> Seen;
  while (!Work.empty()) {
    const CXXMethodDecl *Base = Work.pop_back_val();
    if (!Seen.insert(Base).second)
      continue;
    const std::string Name = nameOf(Base);
    if (Entries.contains(Name) || (Base->getIdentifier() && Base->getName() == "run" &&
                                   BaseClasses.contains(nameOf(Base->getParent())))) {
      Facts.Summary.Entries.push_back(
          {usr(F), displayName(F), site(F->getLocation()), EntryKind::Override, Name});
      return;
    }
    Work.append(Base->overridden_methods().begin(), Base->overridden_methods().end());
  }
}

void FactCollector::collect(const FunctionDecl *F) {
  FunctionSummary Summary;
  Summary.Id = usr(F);
  Summary.Name = displayName(F);
  if (const auto *Method = dyn_cast<CXXMethodDecl>(F))
    for (const CXXMethodDecl *Base : Method->overridden_methods())
      Summary.Overrides.push_back(usr(Base));
  addEntries(F);

  BodyReader Reader(*this, F, Summary);
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(F))
    for (const CXXCtorInitializer *Init : Constructor->inits()) {
      const FieldDecl *Member = Init->getMember();
      Reader.ImplicitMember =
          !Init->isWritten() && Member ? Member->getLocation() : SourceLocation();
      // A member `QTimer m_timer;` or `m_helper(new Helper)` is created with its object.
      if (Member && createsThreadBoundObject(Init->getInit()))
        Workers.created({Member->getCanonicalDecl()}, usr(F),
                        site(Init->isWritten() ? Init->getSourceLocation() : Member->getLocation()));
      Reader.TraverseStmt(Init->getInit());
    }
  Reader.ImplicitMember = SourceLocation();
  Reader.TraverseStmt(F->getBody());
  Reader.finish();
  for (EntryFact &Entry : Reader.Entries)
    Facts.Summary.Entries.push_back(std::move(Entry));
  // A function that calls nothing, uses nothing and overrides nothing ends every path that
  // reaches it: the call that reaches it says all there is (a third of the functions of a
  // unit whose headers are user code, as in Qt's own build).
  if (!Summary.Calls.empty() || !Summary.GuiUses.empty() || !Summary.Overrides.empty())
    Facts.Summary.Functions.push_back(std::move(Summary));
  for (FunctionSummary &Thread : Reader.Threads)
    Facts.Summary.Functions.push_back(std::move(Thread));
}

/// The function whose text holds `F`: for a lambda, the function it is written in, whose
/// brackets tell whether the lambda is typed completely.
const Decl *writtenIn(const FunctionDecl *F) {
  while (const auto *Method = dyn_cast<CXXMethodDecl>(F)) {
    const auto *Outer = dyn_cast<FunctionDecl>(Method->getParent()->getDeclContext());
    if (!Method->getParent()->isLambda() || !Outer)
      break;
    F = Outer;
  }
  return F;
}

/// Finds the function definitions, including lambdas, instantiations and implicit members.
class DefinitionFinder : public RecursiveASTVisitor<DefinitionFinder> {
public:
  explicit DefinitionFinder(FactCollector &Collector) : Collector(Collector) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  // Library headers define no user function: skipping them keeps the cost proportional to
  // the user's code, not to the size of Qt and the standard library.
  bool TraverseDecl(Decl *D) {
    return (D && !isa<TranslationUnitDecl>(D) && isDeclaredInLibrary(D)) ||
           RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *F) {
    if (!F->doesThisDeclarationHaveABody() || F->isDependentContext() || F->isInvalidDecl() ||
        isHalfTyped(writtenIn(F), Collector.Context))
      return true;
    Collector.collect(F);
    return true;
  }

private:
  FactCollector &Collector;
};

} // namespace

ThreadFacts collectThreadFacts(ASTContext &Context, const ThreadApis &Apis) {
  FactCollector Collector(Context, Apis);
  DefinitionFinder Finder(Collector);
  for (Decl *D : Context.getTraversalScope())
    Finder.TraverseDecl(D);
  return Collector.take();
}

} // namespace clang::tidy::pixmapcache

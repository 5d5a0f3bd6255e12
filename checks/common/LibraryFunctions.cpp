//===- LibraryFunctions.cpp -----------------------------------------------===//
#include "LibraryFunctions.h"

#include "clang/AST/DeclBase.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/OperatorKinds.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace clang::tidy::pixmapcache {

llvm::StringRef libraryName(const FunctionDecl *Callee) {
  if (!Callee || !Callee->getIdentifier())
    return "";
  const DeclContext *Context = Callee->getDeclContext()->getRedeclContext();
  if (Context->isTranslationUnit() || Context->isStdNamespace())
    return Callee->getName();
  return "";
}

bool isStreamExtraction(const CXXOperatorCallExpr *Call) {
  if (Call->getOperator() != OO_GreaterGreater || Call->getNumArgs() != 2)
    return false;
  auto IsReader = [](const CXXRecordDecl *Class) {
    if (!Class)
      return false;
    const std::string Name = Class->getQualifiedNameAsString();
    return Name == "QDataStream" || Name == "QTextStream" || Name == "std::basic_istream";
  };
  // The stream's members (std::ifstream reads through its std::basic_istream base), or free
  // operators that take the stream first (Qt's `operator>>(QDataStream &, QSize &)`). A
  // derived class's own operator, or one in an application's namespace, might keep a
  // reference.
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee))
    return IsReader(Method->getParent());
  if (!Callee || Callee->getNumParams() != 2)
    return false;
  const DeclContext *Scope = Callee->getDeclContext()->getRedeclContext();
  if (!Scope->isTranslationUnit() && !Scope->isStdNamespace())
    return false;
  return IsReader(Callee->getParamDecl(0)->getType().getNonReferenceType()->getAsCXXRecordDecl());
}

} // namespace clang::tidy::pixmapcache

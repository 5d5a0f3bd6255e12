//===- LibraryFunctions.cpp -----------------------------------------------===//
#include "LibraryFunctions.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

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
  const CXXRecordDecl *Stream = Call->getArg(0)->getType()->getAsCXXRecordDecl();
  if (!Stream || !Stream->hasDefinition())
    return false;
  auto IsReader = [](const CXXRecordDecl *Class) {
    const std::string Name = Class->getQualifiedNameAsString();
    return Name == "QDataStream" || Name == "QTextStream" || Name == "std::basic_istream";
  };
  if (IsReader(Stream))
    return true;
  return !Stream->forallBases([&](const CXXRecordDecl *Base) { return !IsReader(Base); });
}

} // namespace clang::tidy::pixmapcache

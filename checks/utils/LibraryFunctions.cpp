//===- LibraryFunctions.cpp -----------------------------------------------===//
#include "LibraryFunctions.h"

#include "clang/AST/Decl.h"

namespace clang::tidy::pixmapcache {

llvm::StringRef libraryName(const FunctionDecl *Callee) {
  if (!Callee || !Callee->getIdentifier())
    return "";
  const DeclContext *Context = Callee->getDeclContext()->getRedeclContext();
  if (Context->isTranslationUnit() || Context->isStdNamespace())
    return Callee->getName();
  return "";
}

} // namespace clang::tidy::pixmapcache

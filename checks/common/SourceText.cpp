//===- SourceText.cpp - the code as the user wrote it, for fix-its and notes -===//
#include "SourceText.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace clang::tidy::pixmapcache {

bool isPlainFileRange(SourceRange Range) {
  return Range.isValid() && Range.getBegin().isFileID() && Range.getEnd().isFileID();
}

llvm::StringRef tokenText(SourceRange Range, const ASTContext &Context) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range), Context.getSourceManager(),
                              Context.getLangOpts());
}

llvm::StringRef textBetween(SourceLocation Begin, SourceLocation End, const ASTContext &Context) {
  return Lexer::getSourceText(CharSourceRange::getCharRange(Begin, End), Context.getSourceManager(),
                              Context.getLangOpts());
}

SourceLocation afterToken(SourceLocation Loc, const ASTContext &Context) {
  return Lexer::getLocForEndOfToken(Loc, 0, Context.getSourceManager(), Context.getLangOpts());
}

std::string quoted(llvm::StringRef Text) { return ("'" + Text + "'").str(); }

std::string noteSpelling(const Expr *E, const ASTContext &Context, llvm::StringRef Fallback) {
  const llvm::StringRef Text = tokenText(E->getSourceRange(), Context);
  if (Text.empty() || Text.size() > 40 || Text.contains('\n'))
    return Fallback.str();
  return quoted(Text);
}

} // namespace clang::tidy::pixmapcache

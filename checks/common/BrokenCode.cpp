//===- BrokenCode.cpp -----------------------------------------------------===//
#include "BrokenCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclBase.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TokenKinds.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Token.h"

#include <utility>

namespace clang::tidy::pixmapcache {

bool isHalfTyped(const Decl *D, const ASTContext &Context) {
  if (!Context.getDiagnostics().hasErrorOccurred())
    return false;
  const SourceManager &SM = Context.getSourceManager();
  const LangOptions &LangOpts = Context.getLangOpts();
  const CharSourceRange Range =
      Lexer::makeFileCharRange(CharSourceRange::getTokenRange(D->getSourceRange()), SM, LangOpts);
  if (Range.isInvalid())
    return true; // nothing we can read back: do not trust the AST either

  const auto [File, Begin] = SM.getDecomposedLoc(Range.getBegin());
  const unsigned End = SM.getFileOffset(Range.getEnd());
  const StringRef Buffer = SM.getBufferData(File);
  Lexer Raw(SM.getLocForStartOfFile(File), LangOpts, Buffer.begin(), Buffer.begin() + Begin,
            Buffer.end());
  constexpr std::pair<tok::TokenKind, tok::TokenKind> Brackets[] = {
      {tok::l_paren, tok::r_paren}, {tok::l_square, tok::r_square}, {tok::l_brace, tok::r_brace}};
  int Depth[3] = {0, 0, 0};
  Token Tok;
  while (!Raw.LexFromRawLexer(Tok) && SM.getFileOffset(Tok.getLocation()) < End)
    for (unsigned I = 0; I != 3; ++I)
      if ((Depth[I] += Tok.is(Brackets[I].first) - Tok.is(Brackets[I].second)) < 0)
        return true;
  return Depth[0] != 0 || Depth[1] != 0 || Depth[2] != 0;
}

} // namespace clang::tidy::pixmapcache

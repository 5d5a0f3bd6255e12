//===- LibraryContracts.cpp -----------------------------------------------===//
#include "LibraryContracts.h"
#include "common/LibraryFunctions.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/IdentifierTable.h"

namespace clang::tidy::pixmapcache {

namespace {

/// libpng's PNG_USER_WIDTH_MAX and PNG_USER_HEIGHT_MAX, which png_read_info enforces.
constexpr __int128 PngDefaultLimit = 1000000;

/// Whether the unit calls `Name` (declared at global scope) anywhere.
bool unitUses(llvm::StringRef Name, ASTContext &Context) {
  for (const NamedDecl *D :
       Context.getTranslationUnitDecl()->lookup(&Context.Idents.get(Name)))
    if (D->isReferenced())
      return true;
  return false;
}

} // namespace

std::optional<IntRange> promisedOutput(const CallExpr *Call, unsigned Argument,
                                       ASTContext &Context) {
  // png_get_IHDR(png, info, &width, &height, &bit_depth, ...)
  if (libraryName(Call->getDirectCallee()) == "png_get_IHDR" && (Argument == 2 || Argument == 3) &&
      !unitUses("png_set_user_limits", Context))
    return IntRange{0, PngDefaultLimit};
  return std::nullopt;
}

} // namespace clang::tidy::pixmapcache

//===- LibraryContracts.cpp -----------------------------------------------===//
#include "LibraryContracts.h"
#include "common/LibraryFunctions.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/IdentifierTable.h"

#include <string>

namespace clang::tidy::pixmapcache {

namespace {

/// The deepest QImage::Format (RGBA32FPx4, four floats) and so the deepest QPixmap.
constexpr __int128 QtDeepestPixel = 128;

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

std::optional<IntRange> promisedResult(const CallExpr *Call) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
  if (!Method || !Method->getIdentifier() || Call->getNumArgs() != 0)
    return std::nullopt;
  const std::string Class = Method->getParent()->getQualifiedNameAsString();
  if ((Class == "QImage" || Class == "QPixmap") &&
      (Method->getName() == "depth" || Method->getName() == "bitPlaneCount"))
    return IntRange{0, QtDeepestPixel};
  return std::nullopt;
}

} // namespace clang::tidy::pixmapcache

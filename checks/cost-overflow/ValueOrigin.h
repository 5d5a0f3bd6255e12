//===- ValueOrigin.h - where an operand's value comes from ----------------===//
//
// A product that may overflow is a defect when the values that make it overflow can arrive:
// `w * h * 4` with `w` and `h` read from a file header or passed to an exported function is
// one; `tile.width * tile.height * 4` with the tile sizes that the program itself keeps small
// in another function is, most of the time, not. The range analysis (ValueRange.h) cannot
// see bounds kept in fields or in other functions; this analysis says where each value comes
// from, so that the check reports by default only products of values from outside.
//
// An expression's origin is the strongest origin of the values it is computed from (except
// `qMin`/`std::min`/`qBound`/`std::clamp`, bounded by their weakest argument):
// - Outside: a parameter of a function that other units can call; a value read with
//   `stream >> v`; a value written through a pointer or reference by a function this unit
//   does not define (`png_get_IHDR(..., &w, &h, ...)`); the result of such a function when it
//   takes anything but numbers and pointers (`QGuiApplication::primaryScreen()`,
//   `png_get_image_width`); and whatever is read from an object of outside origin
//   (`image.width()`, `req->width()`, `src->bytes_per_line`).
// - Program: a field of `this` or a global; a value that a function of this unit returns or
//   writes; a parameter of a function whose callers cannot all be seen (its address taken, a
//   lambda, a member of a class that only this unit defines). The program may keep these
//   bounded where the analysis does not look.
//   A library function that takes only numbers or pointers and returns a pointer
//   (`qobject_cast<View *>(parent())`) hands back an object that its arguments lead to.
// - Constant: computed from constants only.
// A local variable takes the origins of its initializer and of everything assigned to it; a
// parameter of a function only its unit calls (CallSites.h), those of the arguments its
// callers pass, up to three calls deep.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_COSTOVERFLOW_VALUEORIGIN_H
#define PIXMAPCACHE_CHECKS_COSTOVERFLOW_VALUEORIGIN_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>
#include <utility>

namespace clang {
class ASTContext;
class Decl;
class Expr;
class FunctionDecl;
class NamedDecl;
class ParentMap;
class ParmVarDecl;
class VarDecl;
namespace tidy::pixmapcache {

class CallSites;
class LocalParents;

/// Where a value comes from; `Source` and `From` say how, for the note that explains it.
struct ValueOrigin {
  enum KindType { Constant, Program, Outside } Kind = Constant;
  enum SourceType {
    Computed,          ///< from constants
    ExportedParameter, ///< `From` is a parameter of a function other units can call
    StreamRead,        ///< read with `stream >> value` at `Where`
    WrittenByLibrary,  ///< `From` (a function) writes it through a pointer or reference
    LibraryResult,     ///< returned by `From`, a function this unit does not define
    Field,             ///< `From` is a field of `this`
    Global,            ///< `From` is a global or static variable
    UnitFunction,      ///< returned or written by `From`, a function of this unit
    UnseenCallers,     ///< `From` is a parameter whose callers cannot all be seen
    NotFollowed,       ///< an expression the analysis does not follow
    ObjectInMemory,    ///< a property of an object in memory, reached from `From` (see
                       ///< CostOverflowCheck: only a small factor multiplies it)
  } Source = Computed;
  const NamedDecl *From = nullptr;
  SourceLocation Where;
  /// Read from an object (`image.width()`, `rect.height()`, `src->width` of a class with
  /// constructors), not a number passed or read as it is, nor a field of a plain struct.
  bool OfObject = false;

  static ValueOrigin constant() { return {}; }
  static ValueOrigin program(SourceType Source, const NamedDecl *From, SourceLocation Where) {
    return {Program, Source, From, Where};
  }
  static ValueOrigin outside(SourceType Source, const NamedDecl *From, SourceLocation Where) {
    return {Outside, Source, From, Where};
  }
  /// The same origin, for a value read from the object this one describes.
  ValueOrigin ofObject() const {
    ValueOrigin Read = *this;
    Read.OfObject = true;
    return Read;
  }
  /// The stronger of the two; the first one when they are as strong.
  ValueOrigin strongest(const ValueOrigin &Other) const {
    return Other.Kind > Kind ? Other : *this;
  }
  ValueOrigin weakest(const ValueOrigin &Other) const {
    return Other.Kind < Kind ? Other : *this;
  }
};

class ValueOrigins {
public:
  ValueOrigins(ASTContext &Context, LocalParents &Parents, CallSites &Calls);
  ~ValueOrigins();

  /// Where the value of `E`, evaluated in `Function` (null at namespace scope), comes from.
  ValueOrigin of(const Expr *E, const FunctionDecl *Function) { return of(E, Function, 0); }

private:
  ValueOrigin of(const Expr *E, const FunctionDecl *Function, unsigned CallDepth);
  ValueOrigin ofCall(const Expr *Call, const FunctionDecl *Function, unsigned CallDepth);
  ValueOrigin ofLocal(const VarDecl *Var, const FunctionDecl *Function, unsigned CallDepth);
  ValueOrigin ofParameter(const ParmVarDecl *Parameter, unsigned CallDepth);
  ValueOrigin ofWrites(const VarDecl *Var, const FunctionDecl *Function, unsigned CallDepth);
  const ParentMap &parentsIn(const FunctionDecl *Function);

  ASTContext &Context;
  LocalParents &Parents;
  CallSites &Calls;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<ParentMap>> BodyParents;
  /// Answers for the first question's locals and parameters (CallDepth 0).
  llvm::DenseMap<const Decl *, ValueOrigin> Known;
  /// The variables being looked at: a cycle (`w = w / 2`) adds nothing.
  llvm::SmallPtrSet<const Decl *, 8> InProgress;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif

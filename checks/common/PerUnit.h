//===- PerUnit.h - one analysis object per translation unit, shared -------===//
//
// Several checks, and the scanner around them, ask the same per-unit questions (parents,
// thread facts). PerUnit<T>::get hands every caller on this thread the same T for the same
// ASTContext while anyone holds it; the last holder to let go destroys it. Per thread:
// clangd builds the ASTs of several files at once, one per thread.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_COMMON_PERUNIT_H
#define PIXMAPCACHE_CHECKS_COMMON_PERUNIT_H

#include <memory>
#include <utility>

namespace clang {
class ASTContext;
namespace tidy::pixmapcache {

template <typename T> class PerUnit {
public:
  /// The T of `Context`, made from `Context` and `Args` if nobody holds one.
  template <typename... ArgTs>
  static std::shared_ptr<T> get(ASTContext &Context, ArgTs &&...Args) {
    thread_local const ASTContext *CurrentContext = nullptr;
    thread_local std::weak_ptr<T> Current;
    std::shared_ptr<T> Held = Current.lock();
    if (!Held || CurrentContext != &Context) {
      Held = std::make_shared<T>(Context, std::forward<ArgTs>(Args)...);
      Current = Held;
      CurrentContext = &Context;
    }
    return Held;
  }
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif

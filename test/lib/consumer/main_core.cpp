// Uses the header-only core of the installed pxc package.
#include <pxc/cost_cache.h>
#include <pxc/realloc.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

int main() {
  pxc::CostCache<std::string, int> cache(2);
  const bool inserted = cache.insert("answer", std::make_unique<int>(42), 1).inserted();
  const int *found = cache.find("answer");
  int *block = nullptr;
  const bool grown = pxc::tryReallocArray(block, 4);
  std::free(block);
  if (!inserted || found == nullptr || *found != 42 || !grown) {
    std::puts("pxc core consumer: FAILED");
    return 1;
  }
  std::puts("pxc core consumer: ok");
  return 0;
}

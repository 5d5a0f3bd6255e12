#include "cachekey.h"

CacheKey::CacheKey(int slot) : d(new CacheKeyData) { d->slot = slot; }

CacheKey::CacheKey(const CacheKey &other) : d(other.d) { ++d->ref; }

CacheKey &CacheKey::operator=(const CacheKey &other) {
  ++other.d->ref;
  if (--d->ref == 0)
    delete d;
  d = other.d;
  return *this;
}

CacheKey::~CacheKey() {
  if (--d->ref == 0)
    delete d;
}

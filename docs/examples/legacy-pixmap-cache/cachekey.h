// A shared handle to a cache slot, counted by hand like Qt's QPixmapCache::Key.
#pragma once

struct CacheKeyData {
  int ref = 1;
  int slot = 0;
};

class CacheKey {
public:
  explicit CacheKey(int slot);
  CacheKey(const CacheKey &other);
  CacheKey &operator=(const CacheKey &other);
  ~CacheKey();

  int slot() const { return d->slot; }

private:
  CacheKeyData *d;
};

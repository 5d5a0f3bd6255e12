// RUN: %check_tidy %s pixmapcache-use-after-insert %t -- -std=c++17 %qt_flags

#include <QtCore/QCache>
#include <QtCore/QString>
#include <QtGui/QImage>

void consume(const QImage *image);
void keep(QImage *image);

// ---------------------------------------------------------------------------------------
// The insert's result is ignored: a failed insert has already deleted the object.
// ---------------------------------------------------------------------------------------

const QImage *returnAfterInsert(QCache<QString, QImage> &cache, const QString &key) {
  auto *image = new QImage(key);
  cache.insert(key, image, image->sizeInBytes() / 1024);
  return image;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'image' is returned after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'QCache::insert' deletes the object and returns false when its cost exceeds maxCost(); this result is not checked
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: check the result of 'insert' before using the object, or use 'pxc::CostCache', whose insert takes a std::unique_ptr and hands the object back when it is rejected
}

int dereferenceAfterInsert(QCache<int, QImage> &cache, int key, QImage *image) {
  cache.insert(key, image);
  return image->width();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'image' is used to access a member after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'QCache::insert' deletes the object and returns false when its cost exceeds maxCost(); this result is not checked
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: check the result of 'insert' before using the object, or use 'pxc::CostCache', whose insert takes a std::unique_ptr and hands the object back when it is rejected
}

QImage copyAfterInsert(QCache<int, QImage> &cache, int key, QImage *image) {
  cache.insert(key, image, 4096);
  return *image;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'image' is dereferenced after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'QCache::insert' deletes the object and returns false when its cost exceeds maxCost(); this result is not checked
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: check the result of 'insert' before using the object, or use 'pxc::CostCache', whose insert takes a std::unique_ptr and hands the object back when it is rejected
}

void passOnAfterInsert(QCache<int, QImage> &cache, int key, QImage *image) {
  cache.insert(key, image, 10);
  consume(image);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'image' is passed on after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'QCache::insert' deletes the object and returns false when its cost exceeds maxCost(); this result is not checked
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: check the result of 'insert' before using the object, or use 'pxc::CostCache', whose insert takes a std::unique_ptr and hands the object back when it is rejected
}

struct Viewer {
  QCache<QString, QImage> cache;
  QImage *current = nullptr;

  void show(const QString &file) {
    auto *image = new QImage(file);
    cache.insert(file, image, image->sizeInBytes() / 1024);
    current = image;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'image' is stored after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'QCache::insert' deletes the object and returns false when its cost exceeds maxCost(); this result is not checked
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: check the result of 'insert' before using the object, or use 'pxc::CostCache', whose insert takes a std::unique_ptr and hands the object back when it is rejected
  }
};

// A local copy of the pointer dangles just the same.
int throughAlias(QCache<int, QImage> &cache, int key, QImage *image) {
  QImage *alias = image;
  cache.insert(key, image);
  QImage *other = image;
  return other->height() + alias->height();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'image' is used to access a member after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'QCache::insert' deletes the object and returns false when its cost exceeds maxCost(); this result is not checked
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: check the result of 'insert' before using the object, or use 'pxc::CostCache', whose insert takes a std::unique_ptr and hands the object back when it is rejected
}

// Checked on one path only.
const QImage *checkedSometimes(QCache<int, QImage> &cache, int key, QImage *image,
                               bool careful) {
  if (careful) {
    if (!cache.insert(key, image, 100))
      return nullptr;
  } else {
    cache.insert(key, image, 100);
  }
  return image;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'image' is returned after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'QCache::insert' deletes the object and returns false when its cost exceeds maxCost(); this result is not checked
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: check the result of 'insert' before using the object, or use 'pxc::CostCache', whose insert takes a std::unique_ptr and hands the object back when it is rejected
}

// ---------------------------------------------------------------------------------------
// On the branch where the insert failed, the object is certainly gone.
// ---------------------------------------------------------------------------------------

void deleteAfterFailedInsert(QCache<int, QImage> &cache, int key, QImage *image) {
  if (!cache.insert(key, image, 1 << 20))
    delete image;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'image' is deleted again after 'QCache::insert' failed and deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'QCache::insert' returned false here and deleted 'image'
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: check the result of 'insert' before using the object, or use 'pxc::CostCache', whose insert takes a std::unique_ptr and hands the object back when it is rejected
}

void logAfterFailedInsert(QCache<int, QImage> &cache, int key, QImage *image) {
  const bool inserted = cache.insert(key, image, 1 << 20);
  if (!inserted)
    consume(image);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'image' is passed on after 'QCache::insert' failed and deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: 'QCache::insert' returned false here and deleted 'image'
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: check the result of 'insert' before using the object, or use 'pxc::CostCache', whose insert takes a std::unique_ptr and hands the object back when it is rejected
}

// ---------------------------------------------------------------------------------------
// Checked, but the cache changed since: the object may have been evicted.
// ---------------------------------------------------------------------------------------

int usedAfterAnotherInsert(QCache<int, QImage> &cache, QImage *first, QImage *second) {
  if (!cache.insert(1, first, 100))
    return 0;
  cache.insert(2, second, 100);
  return first->width();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'first' is used to access a member after 'insert' may have evicted it from the cache and deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: inserting makes room by deleting the least recently used entries
  // CHECK-MESSAGES: :[[@LINE-6]]:8: note: 'first' was handed to the cache here
  // CHECK-MESSAGES: :[[@LINE-7]]:8: note: look the object up again with 'object()' after changing the cache, or copy what you need before the change
}

void usedAfterLimitChange(QCache<int, QImage> &cache, QImage *image) {
  if (cache.insert(7, image, 100)) {
    cache.setMaxCost(10);
    keep(image);
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'image' is passed on after 'setMaxCost' may have evicted it from the cache and deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: lowering the limit deletes entries until the cache fits
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: 'image' was handed to the cache here
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: look the object up again with 'object()' after changing the cache, or copy what you need before the change
}

struct Gallery {
  QCache<QString, QImage> thumbnails;
  QCache<QString, QImage> previews;

  QSize reset(const QString &name, QImage *thumbnail) {
    if (!thumbnails.insert(name, thumbnail, 1))
      return {};
    thumbnails.clear();
    return thumbnail->size();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'thumbnail' is used to access a member after 'clear' may have evicted it from the cache and deleted it [pixmapcache-use-after-insert]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'clear' deletes every entry
    // CHECK-MESSAGES: :[[@LINE-6]]:10: note: 'thumbnail' was handed to the cache here
    // CHECK-MESSAGES: :[[@LINE-7]]:10: note: look the object up again with 'object()' after changing the cache, or copy what you need before the change
  }

  QSize removeOwnKey(const QString &name, QImage *thumbnail) {
    if (!thumbnails.insert(name, thumbnail, 1))
      return {};
    thumbnails.remove(name);
    return thumbnail->size();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'thumbnail' is used to access a member after 'remove' may have evicted it from the cache and deleted it [pixmapcache-use-after-insert]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'remove' deletes the entry of this key
    // CHECK-MESSAGES: :[[@LINE-6]]:10: note: 'thumbnail' was handed to the cache here
    // CHECK-MESSAGES: :[[@LINE-7]]:10: note: look the object up again with 'object()' after changing the cache, or copy what you need before the change
  }

  // Another cache, another key, a lookup: none of these can delete the object.
  QSize otherCacheChanges(const QString &name, const QString &other, QImage *thumbnail) {
    if (!thumbnails.insert(name, thumbnail, 1))
      return {};
    previews.clear();
    thumbnails.remove(other);
    thumbnails.object(other);
    return thumbnail->size();
  }
};

// ---------------------------------------------------------------------------------------
// Look-alikes that are fine.
// ---------------------------------------------------------------------------------------

int usedBeforeInsert(QCache<int, QImage> &cache, int key, QImage *image) {
  const int width = image->width();
  cache.insert(key, image);
  return width;
}

const QImage *checkedResult(QCache<int, QImage> &cache, int key, QImage *image) {
  if (!cache.insert(key, image, 100))
    return nullptr;
  return image;
}

const QImage *usedOnlyWhenInserted(QCache<int, QImage> &cache, int key, QImage *image) {
  if (cache.insert(key, image, 100)) {
    consume(image);
    return image;
  }
  return nullptr;
}

const QImage *resultInVariable(QCache<int, QImage> &cache, int key, QImage *image) {
  const bool inserted = cache.insert(key, image, 100);
  if (!inserted)
    return nullptr;
  return image;
}

const QImage *conditionalExpression(QCache<int, QImage> &cache, int key, QImage *image) {
  return cache.insert(key, image, 100) ? image : nullptr;
}

const QImage *reloaded(QCache<int, QImage> &cache, int key, QImage *image) {
  cache.insert(key, image, 100);
  image = cache.object(key);
  return image;
}

const QImage *reassigned(QCache<int, QImage> &cache, int key, QImage *image, QImage *spare) {
  cache.insert(key, image, 100);
  image = spare;
  return image;
}

// Taking the object back returns its ownership to the caller.
QImage *takenBack(QCache<int, QImage> &cache, int key, QImage *image) {
  if (!cache.insert(key, image, 100))
    return nullptr;
  cache.insert(key + 1, new QImage, 100);
  image = cache.take(key);
  return image;
}

// A fresh object that the function cannot name again.
void insertNew(QCache<int, QImage> &cache, int key) { cache.insert(key, new QImage, 100); }

// Comparing the pointer reads no object.
bool compared(QCache<int, QImage> &cache, int key, QImage *image, const QImage *other) {
  cache.insert(key, image, 100);
  return image == other;
}

// A loop that inserts a new object each round.
void fillInLoop(QCache<int, QImage> &cache) {
  for (int key = 0; key < 8; ++key) {
    auto *image = new QImage(16, 16, QImage::Format_ARGB32);
    image->fill(Qt::transparent);
    cache.insert(key, image, 1);
  }
}

// Not a cache with QCache's ownership contract.
struct Registry {
  bool insert(int key, QImage *image, int cost);
};
int otherInsert(Registry &registry, QImage *image) {
  registry.insert(1, image, 1);
  return image->width();
}

// A template is reported once however often it is instantiated.
template <typename T> T *insertAndReturn(QCache<int, T> &cache, T *object) {
  cache.insert(0, object, 100);
  return object;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'object' is returned after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'QCache::insert' deletes the object and returns false when its cost exceeds maxCost(); this result is not checked
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: check the result of 'insert' before using the object, or use 'pxc::CostCache', whose insert takes a std::unique_ptr and hands the object back when it is rejected
}
void instantiate(QCache<int, QImage> &images, QCache<int, QString> &names) {
  insertAndReturn(images, new QImage);
  insertAndReturn(names, new QString);
}

// By default only QCache has QCache's ownership contract.
// RUN: %check_tidy %s pixmapcache-use-after-insert %t-default -- -std=c++17 %qt_flags

// CacheClasses adds home-made caches with the same contract.
// RUN: %check_tidy --check-suffixes=LISTED %s pixmapcache-use-after-insert %t-listed \
// RUN:   --config="{CheckOptions: {pixmapcache-use-after-insert.CacheClasses: '::legacy::PixmapStore'}}" \
// RUN:   -- -std=c++17 %qt_flags
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-use-after-insert' --dump-config \
// RUN:   --config="{CheckOptions: {pixmapcache-use-after-insert.CacheClasses: '::legacy::PixmapStore'}}" \
// RUN:   %s -- | FileCheck --check-prefix=DUMP %s
// DUMP: pixmapcache-use-after-insert.CacheClasses: '::legacy::PixmapStore'

#include <QtCore/QString>
#include <QtGui/QImage>

namespace legacy {
// Takes ownership; deletes the image when it does not fit, like QCache.
class PixmapStore {
public:
  bool insert(const QString &key, QImage *image, int costKb);
  void remove(const QString &key);
};
} // namespace legacy

int widthAfterInsert(legacy::PixmapStore &store, const QString &key, QImage *image) {
  store.insert(key, image, 64);
  return image->width();
  // CHECK-MESSAGES-LISTED: :[[@LINE-1]]:10: warning: 'image' is used to access a member after 'PixmapStore::insert' may have deleted it [pixmapcache-use-after-insert]
  // CHECK-MESSAGES-LISTED: :[[@LINE-3]]:3: note: 'PixmapStore::insert' deletes the object and returns false when its cost exceeds maxCost(); this result is not checked
  // CHECK-MESSAGES-LISTED: :[[@LINE-4]]:3: note: check the result of 'insert' before using the object, or use 'pxc::CostCache', whose insert takes a std::unique_ptr and hands the object back when it is rejected
}

int checkedInsert(legacy::PixmapStore &store, const QString &key, QImage *image) {
  if (!store.insert(key, image, 64))
    return 0;
  return image->width();
}

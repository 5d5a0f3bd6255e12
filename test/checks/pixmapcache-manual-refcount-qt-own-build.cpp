// RUN: %check_tidy %s pixmapcache-manual-refcount %t '--line-filter=[{"name":".tmp.cpp"}]' \
// RUN:   -- -std=c++17 -fPIC -I/usr/include/x86_64-linux-gnu/qt6 -I/usr/include/x86_64-linux-gnu/qt6/QtCore

// Qt's own sources as Qt builds them: its headers are not system headers there (qpixmap.cpp,
// qcolorspace.cpp, qcolortransform.cpp of Qt 6.4.2). The macro writes the counting delete of
// QExplicitlySharedDataPointer<Class> into this file; it is the replacement, not a hand-written
// count. (The line filter keeps the findings in Qt's own counting helpers in qatomic.h out:
// clang-tidy's default header filter does that in a real run.)

#include <QtCore/QSharedData>

class QPlatformPixmap : public QSharedData {
public:
  int serial = 0;
};
QT_DECLARE_QESDP_SPECIALIZATION_DTOR(QPlatformPixmap)
QT_DEFINE_QESDP_SPECIALIZATION_DTOR(QPlatformPixmap)

// A hand-written count next to it is still reported.
struct Handle {
  QPlatformPixmap *d;
  ~Handle() {
    if (!d->ref.deref())
      delete d;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Handle' deletes 'd' by hand when the reference count 'QSharedData::ref' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES: :[[@LINE-6]]:8: note: the implicit copy constructor of 'Handle' copies 'd' without incrementing 'QSharedData::ref': both copies delete it (double free)
    // CHECK-MESSAGES: :[[@LINE-7]]:8: note: the implicit copy assignment operator of 'Handle' copies 'd' without incrementing 'QSharedData::ref': both copies delete it (double free)
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: hold 'd' in a 'QExplicitlySharedDataPointer<QPlatformPixmap>' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
  }
};

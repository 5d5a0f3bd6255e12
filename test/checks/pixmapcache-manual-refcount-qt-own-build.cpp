// RUN: %check_tidy %s pixmapcache-manual-refcount %t -- -std=c++17 %qt_flags
// RUN: %check_tidy --check-suffixes=OWN %s pixmapcache-manual-refcount %t \
// RUN:   -- -std=c++17 -I%qt_source_tree/src/core %qt_flags

// Qt's shared data pointers are the replacement this check names, not a hand-written count,
// in every build. QT_DEFINE_QESDP_SPECIALIZATION_DTOR(Class) writes the counting delete of
// QExplicitlySharedDataPointer<Class> into this file (qpixmap.cpp, qcolorspace.cpp and
// qcolortransform.cpp of Qt 6.4.2 do this). The first run includes qshareddata.h as Qt's API
// (in each mode of the suite); the second, OWN, as QtCore's own sources do, by a path of
// QtCore's source tree: there it is the unit's own code, and the macro's delete is still not
// reported.

#include <qshareddata.h>

class QPlatformPixmap : public QSharedData {
public:
  int serial = 0;
};
QT_DECLARE_QESDP_SPECIALIZATION_DTOR(QPlatformPixmap)
QT_DEFINE_QESDP_SPECIALIZATION_DTOR(QPlatformPixmap)

// A hand-written count next to it is still reported. Where QSharedData is Qt's API, the
// check does not look into its copy constructor; where it is the unit's own, it does.
struct Handle {
  QPlatformPixmap *d;
  ~Handle() {
    if (!d->ref.deref())
      delete d;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Handle' deletes 'd' by hand when the reference count 'QSharedData::ref' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES: qshareddata.h:21:24: note: 'QSharedData::ref' is never incremented in this translation unit, yet 'Handle' is copied: every copy deletes 'd' once more (double free)
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: hold 'd' in a 'QExplicitlySharedDataPointer<QPlatformPixmap>' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
    // CHECK-MESSAGES-OWN: :[[@LINE-4]]:7: warning: 'Handle' deletes 'd' by hand when the reference count 'QSharedData::ref' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES-OWN: :[[@LINE-9]]:8: note: the implicit copy constructor of 'Handle' copies 'd' without incrementing 'QSharedData::ref': both copies delete it (double free)
    // CHECK-MESSAGES-OWN: :[[@LINE-10]]:8: note: the implicit copy assignment operator of 'Handle' copies 'd' without incrementing 'QSharedData::ref': both copies delete it (double free)
    // CHECK-MESSAGES-OWN: :[[@LINE-7]]:7: note: hold 'd' in a 'QExplicitlySharedDataPointer<QPlatformPixmap>' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
  }
};

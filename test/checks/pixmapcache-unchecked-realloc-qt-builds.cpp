// Qt's own QPMCache::resizeKeyArray (qpixmapcache.cpp, Qt 6.4) under the three ways it is
// built. Q_CHECK_PTR and q_check_ptr check only where they expand to a check: they throw
// with exceptions, abort in debug builds without exceptions, and are no-ops in release
// builds without exceptions, which is how QtGui itself is built.

// Release, no exceptions (-fno-exceptions sets QT_NO_EXCEPTIONS): the defect is real.
// RUN: %check_tidy --check-suffixes=RELEASE %s pixmapcache-unchecked-realloc %t-release -- -std=c++17 %qt_flags -fno-exceptions -DQT_NO_DEBUG
// RUN: %clangxx -std=c++17 -fsyntax-only -fno-exceptions -DQT_NO_DEBUG %qt_flags -I%pxc_include %t-release.cpp

// With exceptions, and in a debug build without them, the same code is checked.
// RUN: %check_tidy %s pixmapcache-unchecked-realloc %t-exceptions -- -std=c++17 %qt_flags
// RUN: %check_tidy %s pixmapcache-unchecked-realloc %t-debug -- -std=c++17 %qt_flags -fno-exceptions

#include <QtCore/qglobal.h>

#include <cstdlib>
// CHECK-FIXES-RELEASE: #include <QtCore/qglobal.h>
// CHECK-FIXES-RELEASE-NEXT: #include <pxc/realloc.h>

class QPMCache {
public:
  void resizeKeyArray(int size);
  int *takeSlots(int size);

private:
  int *keyArray = nullptr;
  int keyArraySize = 0;
};

void QPMCache::resizeKeyArray(int size)
{
    if (size <= keyArraySize || size == 0)
        return;
    keyArray = q_check_ptr(static_cast<int *>(realloc(keyArray,
                    size * sizeof(int))));
    // CHECK-MESSAGES-RELEASE: :[[@LINE-2]]:47: warning: 'keyArray' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
    // CHECK-MESSAGES-RELEASE: :[[@LINE+5]]:9: note: 'keyArray' is indexed here before it is checked for null
    // CHECK-MESSAGES-RELEASE: :[[@LINE-4]]:16: note: 'q_check_ptr<int>' returns the pointer without checking it in this build: Q_CHECK_PTR expands to nothing when exceptions are disabled and QT_NO_DEBUG is defined
    // CHECK-MESSAGES-RELEASE: :[[@LINE-5]]:47: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'keyArray' untouched when the allocation fails
    // CHECK-FIXES-RELEASE: {{^}}    if (!pxc::tryRealloc(keyArray, size * sizeof(int))) pxc::allocationFailed();{{$}}
    for (int i = keyArraySize; i != size; ++i)
        keyArray[i] = i + 1;
    keyArraySize = size;
}

int *QPMCache::takeSlots(int size)
{
    int *slots = static_cast<int *>(realloc(keyArray, size * sizeof(int)));
    // CHECK-MESSAGES-RELEASE: :[[@LINE-1]]:37: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
    // CHECK-MESSAGES-RELEASE: :[[@LINE+3]]:5: note: 'slots' is indexed here before it is checked for null
    // CHECK-MESSAGES-RELEASE: :[[@LINE-3]]:37: note: check the result for null before this use, or use 'pxc::tryRealloc' from <pxc/realloc.h>, which returns false and keeps the old block on failure
    Q_CHECK_PTR(slots);
    slots[0] = 0;
    keyArray = nullptr;
    return slots;
}

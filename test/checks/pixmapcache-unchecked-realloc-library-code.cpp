// RUN: rm -rf %t.include && cp -r %S/Inputs/library-code %t.include
// RUN: %clangxx -fsyntax-only -I%t.include %s
// The fix-it goes to the copy's header.
// RUN: %check_tidy %s pixmapcache-unchecked-realloc %t -- -I%t.include -I%pxc_include
// RUN: FileCheck --input-file=%t.include/fake/qfakeuser.h %s --check-prefix=USER-HEADER-FIX
// RUN: diff -r -x fake %S/Inputs/library-code %t.include
// USER-HEADER-FIX: inline void growUser(int *&p, size_t n) { if (!pxc::tryRealloc(p, n)) pxc::allocationFailed(); }

// Qt's headers are known by the include directory they are found in, also on -I: a Qt
// module's directory, its private headers, a framework's headers, and the header a Qt
// module's header includes (Qt's own build). A q*.h file elsewhere is the user's code.
#include <QtFake/qfakepublic.h>
#include <QtFake/6.4.2/QtFake/private/qfake_p.h>
#include <QtFake.framework/Headers/qfakeframework.h>
#include <QtFake/qfakeforward.h>
#include <fake/qfakeuser.h>
// CHECK-MESSAGES: qfakeuser.h:2:66: warning: 'p' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
// CHECK-MESSAGES: qfakeuser.h:2:66: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'p' untouched when the allocation fails

void use(int *&p) {
  growPublic(p, 4);
  growPrivate(p, 4);
  growFramework(p, 4);
  growForwarded(p, 4);
  growUser(p, 4);
}

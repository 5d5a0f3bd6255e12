// Qt's own pixmap cost, in the two forms qpixmapcache.cpp has had, compiled against the real
// Qt 6 headers. Before 2018 (QTBUG-45293) the cost was an 'int' byte count computed in 'int'
// and handed through QPMCache::insert(..., int cost) to QCache::insert; Qt 6.4 computes it
// in 64 bits with the first operand widened and clamps it.
// RUN: %check_tidy %s pixmapcache-cost-overflow %t -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags -I%pxc_include %t.cpp

#include <QtCore/QCache>
#include <QtGui/QPixmap>
#include <QtGui/QPixmapCache>

#include <limits>

struct QPixmapCacheEntry : QPixmap {
  explicit QPixmapCacheEntry(const QPixmap &pixmap) : QPixmap(pixmap) {}
};

// ---------------------------------------------------------------------------------------
// Qt 6.4: silent.
// ---------------------------------------------------------------------------------------

static inline qsizetype cost(const QPixmap &pixmap)
{
    // make sure to do a 64bit calculation; qsizetype might be smaller
    const qint64 costKb = static_cast<qint64>(pixmap.width())
            * pixmap.height() * pixmap.depth() / (8 * 1024);
    const qint64 costMax = std::numeric_limits<qsizetype>::max();
    // a small pixmap should have at least a cost of 1(kb)
    return static_cast<qsizetype>(qBound(1LL, costKb, costMax));
}

// ---------------------------------------------------------------------------------------
// Before 2018: reported where the product is passed, through the forwarding parameter.
// ---------------------------------------------------------------------------------------

class QPMCache : public QCache<QString, QPixmapCacheEntry>
{
public:
    bool insert(const QString &key, const QPixmap &pixmap, int cost);
};

bool QPMCache::insert(const QString &key, const QPixmap &pixmap, int cost)
{
    return QCache<QString, QPixmapCacheEntry>::insert(key, new QPixmapCacheEntry(pixmap), cost);
}

static QPMCache *pm_cache();

bool insertPre2018(const QString &key, const QPixmap &pixmap)
{
    return pm_cache()->insert(key, pixmap, pixmap.width() * pixmap.height() * pixmap.depth() / 8);
    // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: multiplication in 'int' can overflow before it is passed as the cost to 'QPMCache::insert' [pixmapcache-cost-overflow]
    // CHECK-MESSAGES: :[[@LINE-2]]:44: note: 'pixmap.width()' comes from the parameter 'pixmap' of 'insertPre2018', which other translation units can call with any value, and no guard bounds it
    // CHECK-MESSAGES: :[[@LINE-3]]:61: note: 'pixmap.height()' comes from the parameter 'pixmap' of 'insertPre2018', which other translation units can call with any value, and no guard bounds it
    // CHECK-MESSAGES: :[[@LINE-4]]:24: note: the result becomes a cost here, where a wrapped value is as wrong as a truncated one
    // CHECK-MESSAGES: :[[@LINE-12]]:12: note: 'QPMCache::insert' passes it on as the cost to 'QCache<QString, QPixmapCacheEntry>::insert'
    // CHECK-MESSAGES: :[[@LINE-6]]:44: note: widen the first operand to a 64-bit type and give the parameter of 'QPMCache::insert' a 64-bit type
    // CHECK-MESSAGES: :[[@LINE-7]]:44: note: for an image's cost in KiB, 'pxc::imageCostKb' from <pxc/cost.h> computes it in 64 bits and cannot overflow
}

// The cache limit: an 'int' in KiB that Qt keeps as a 'qsizetype' maximum cost.
void setLimitInMegabytes(int megabytes)
{
    QPixmapCache::setCacheLimit(megabytes * 1024);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: multiplication in 'int' can overflow before it is passed as the cost to 'QPixmapCache::setCacheLimit' [pixmapcache-cost-overflow]
    // CHECK-MESSAGES: :[[@LINE-2]]:33: note: 'megabytes' is a parameter of 'setLimitInMegabytes', which other translation units can call with any value, and no guard bounds it
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the result becomes a cost here, where a wrapped value is as wrong as a truncated one
    // CHECK-MESSAGES: :[[@LINE-4]]:33: note: compute the product in a 64-bit type and clamp it to the range of 'int'
}

// A limit bounded before it is computed fits.
void setBoundedLimit(int megabytes)
{
    if (megabytes > 1024)
        return;
    QPixmapCache::setCacheLimit(megabytes * 1024);
}

// Qt 6's QPixmapCache::insert has no cost parameter: nothing to report.
bool insertQt6(const QString &key, const QPixmap &pixmap)
{
    return QPixmapCache::insert(key, pixmap);
}

static QPMCache *pm_cache()
{
    static QPMCache cache;
    return &cache;
}

// Qt's cost() is used, so that -Wunused-function stays quiet on the fixed copy.
qsizetype useCost(const QPixmap &pixmap) { return cost(pixmap); }

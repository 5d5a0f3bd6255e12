// pxc/qstring_hash.h: the hash for QString keys in pxc caches.
#ifndef PXC_QSTRING_HASH_H
#define PXC_QSTRING_HASH_H

#include <QHashFunctions>
#include <QString>

#include <cstddef>

namespace pxc {

/// qHash seeded like QHash. Qt picks its fast AES-based string hash only for a non-zero seed,
/// and std::hash<QString> passes a fixed one, so use this rather than std::hash<QString>.
struct QStringHash {
  std::size_t operator()(const QString &key) const noexcept {
    return qHash(key, QHashSeed::globalSeed());
  }
};

} // namespace pxc

#endif // PXC_QSTRING_HASH_H

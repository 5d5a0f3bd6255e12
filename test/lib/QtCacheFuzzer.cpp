// Differential fuzz test of the Qt adapters in a real QGuiApplication (offscreen platform):
// pxc::PixmapCache, by string and by Key handle, against the LRU model, and pxc::ImageCache
// with one shard against the CLOCK model (fuzz_models.h). Values are told apart by the
// cacheKey() that copies of a QPixmap or QImage share; every Key handle ever issued must be
// valid exactly while the model holds its entry.
//
//   ctest runs a short fixed-seed run. For a longer one:
//     build/bin/pxc_qt_cache_fuzzer -max_total_time=600 -jobs=2 [corpus-dir]
#include "fuzz_models.h"

#include <pxc/image_cache.h>
#include <pxc/pixmap_cache.h>
#include <pxc/qt_cost.h>

#include <QGuiApplication>
#include <QImage>
#include <QPixmap>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

using pxc_fuzz::require;

constexpr int kStrings = 24;
constexpr int kHandles = 16;

/// An entry of the PixmapCache model: by string, or by the index of the Key handle issued.
struct PixmapEntryKey {
  int string; // -1 for a handle
  int handle; // -1 for a string
  friend bool operator==(const PixmapEntryKey &lhs, const PixmapEntryKey &rhs) {
    return lhs.string == rhs.string && lhs.handle == rhs.handle;
  }
};

QString stringKey(int index) { return QStringLiteral("fuzz/%1.png").arg(index); }

/// Square images from 1x1 to 64x64 (up to 16 KiB), in two formats.
QImage imageFrom(int byte) {
  const int side = 1 + (byte & 63);
  QImage image(side, side, (byte & 64) != 0 ? QImage::Format_ARGB32 : QImage::Format_Grayscale8);
  image.fill(Qt::darkCyan);
  return image;
}

void fuzzPixmapCache(pxc_fuzz::Input &input) {
  const pxc::Cost initialLimit = input.next();
  pxc::PixmapCache cache(initialLimit);
  pxc_fuzz::LruModel<PixmapEntryKey, qint64> model(initialLimit);
  std::vector<pxc::PixmapCache::Key> handles; // index = PixmapEntryKey::handle
  while (!input.empty()) {
    const int operation = input.next() % 8;
    const int index = input.next();
    const PixmapEntryKey byString{index % kStrings, -1};
    switch (operation) {
    case 0: {
      const QPixmap pixmap = QPixmap::fromImage(imageFrom(input.next()));
      require(cache.insert(stringKey(byString.string), pixmap) ==
                  model.insert(byString, pixmap.cacheKey(), pxc::costKb(pixmap)),
              "PixmapCache::insert(QString)");
      break;
    }
    case 1: {
      if (handles.size() == kHandles)
        break;
      const QPixmap pixmap = QPixmap::fromImage(imageFrom(input.next()));
      const PixmapEntryKey byHandle{-1, static_cast<int>(handles.size())};
      handles.push_back(cache.insert(pixmap));
      require(handles.back().isValid() ==
                  model.insert(byHandle, pixmap.cacheKey(), pxc::costKb(pixmap)),
              "PixmapCache::insert(QPixmap)");
      break;
    }
    case 2:
    case 3: {
      QPixmap found;
      const qint64 *expected = model.find(byString);
      require(cache.find(stringKey(byString.string), &found) == (expected != nullptr),
              "PixmapCache::find(QString)");
      require(expected == nullptr || found.cacheKey() == *expected, "found pixmap");
      break;
    }
    case 4: {
      if (handles.empty())
        break;
      const PixmapEntryKey byHandle{-1, index % static_cast<int>(handles.size())};
      QPixmap found;
      const qint64 *expected = model.find(byHandle);
      require(cache.find(handles[static_cast<std::size_t>(byHandle.handle)], &found) ==
                  (expected != nullptr),
              "PixmapCache::find(Key)");
      require(expected == nullptr || found.cacheKey() == *expected, "found pixmap by Key");
      break;
    }
    case 5:
      if ((index & 1) != 0 || handles.empty()) {
        require(cache.remove(stringKey(byString.string)) == model.remove(byString),
                "PixmapCache::remove(QString)");
      } else {
        const PixmapEntryKey byHandle{-1, index % static_cast<int>(handles.size())};
        require(cache.remove(handles[static_cast<std::size_t>(byHandle.handle)]) ==
                    model.remove(byHandle),
                "PixmapCache::remove(Key)");
      }
      break;
    case 6: {
      const pxc::Cost limit = input.next() - 4; // a few negative ones
      require(cache.setCacheLimit(limit) == model.setMaxCost(limit), "setCacheLimit");
      break;
    }
    default:
      if (index == 0) {
        cache.clear();
        model.clear();
      }
      break;
    }
    require(cache.totalCost() == model.totalCost(), "PixmapCache::totalCost");
    require(cache.totalCost() <= cache.cacheLimit(), "totalCost within the limit");
    for (std::size_t handle = 0; handle < handles.size(); ++handle)
      require(handles[handle].isValid() == model.contains({-1, static_cast<int>(handle)}),
              "Key::isValid while, and only while, its entry is cached");
  }
}

void fuzzImageCache(pxc_fuzz::Input &input) {
  const pxc::Cost initialLimit = input.next();
  pxc::ImageCache cache(initialLimit, 1);
  pxc_fuzz::ClockModel<int, qint64> model(initialLimit);
  while (!input.empty()) {
    const int operation = input.next() % 6;
    const int key = input.next() % kStrings;
    switch (operation) {
    case 0:
    case 1: {
      const QImage image = imageFrom(input.next());
      require(cache.insert(stringKey(key), image) ==
                  model.insert(key, image.cacheKey(), pxc::costKb(image)),
              "ImageCache::insert");
      break;
    }
    case 2: {
      QImage found;
      const qint64 *expected = model.find(key);
      require(cache.find(stringKey(key), &found) == (expected != nullptr), "ImageCache::find");
      require(expected == nullptr || found.cacheKey() == *expected, "found image");
      break;
    }
    case 3:
      require(cache.remove(stringKey(key)) == model.remove(key), "ImageCache::remove");
      break;
    case 4: {
      const pxc::Cost limit = input.next() - 4;
      require(cache.setCacheLimit(limit) == model.setMaxCost(limit), "ImageCache::setCacheLimit");
      break;
    }
    default:
      if (key == 0) {
        cache.clear();
        model.clear();
      }
      break;
    }
    require(cache.totalCost() == model.totalCost(), "ImageCache::totalCost");
  }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  // PixmapCache works only on the GUI thread of a running application: this one, for good.
  new QGuiApplication(*argc, *argv);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  pxc_fuzz::Input input(data, size);
  if ((input.next() & 1) == 0)
    fuzzPixmapCache(input);
  else
    fuzzImageCache(input);
  return 0;
}

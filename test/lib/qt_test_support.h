// Helpers of the Qt adapter tests: capturing Qt log messages, and measuring the heap.
#ifndef PXC_TEST_QT_TEST_SUPPORT_H
#define PXC_TEST_QT_TEST_SUPPORT_H

#include <QtGlobal>
#include <QString>

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PXC_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define PXC_TEST_ASAN 1
#endif

#ifdef PXC_TEST_ASAN
#include <sanitizer/allocator_interface.h>
#else
#include <malloc.h>
#endif

namespace pxc::test {

/// Records the messages of one logging category while it exists, from any thread.
class MessageRecorder {
public:
  explicit MessageRecorder(const char *category) : category_(category) {
    instance() = this;
    previous_ = qInstallMessageHandler(&MessageRecorder::handle);
  }
  ~MessageRecorder() {
    qInstallMessageHandler(previous_);
    instance() = nullptr;
  }
  MessageRecorder(const MessageRecorder &) = delete;
  MessageRecorder &operator=(const MessageRecorder &) = delete;

  [[nodiscard]] std::vector<std::string> warnings() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return warnings_;
  }

private:
  static MessageRecorder *&instance() {
    static MessageRecorder *current = nullptr;
    return current;
  }

  static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    MessageRecorder *self = instance();
    if (self == nullptr || context.category == nullptr || self->category_ != context.category)
      return;
    if (type == QtWarningMsg) {
      const std::lock_guard<std::mutex> lock(self->mutex_);
      self->warnings_.push_back(message.toStdString());
    }
  }

  std::string category_;
  QtMessageHandler previous_ = nullptr;
  mutable std::mutex mutex_;
  std::vector<std::string> warnings_;
};

/// Bytes currently allocated through malloc (and so through operator new), as the allocator
/// itself counts them: glibc's mallinfo2, or the sanitizer allocator's statistics under ASan.
inline std::size_t liveHeapBytes() {
#ifdef PXC_TEST_ASAN
  return __sanitizer_get_current_allocated_bytes();
#else
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
#endif
}

} // namespace pxc::test

#endif // PXC_TEST_QT_TEST_SUPPORT_H

// What the differential fuzz tests share: reading the fuzzer's bytes, the cost distribution,
// the failure report, and reference models of the documented behaviour of the pxc caches,
// written for obviousness rather than speed (vectors searched linearly).
#ifndef PXC_TEST_FUZZ_MODELS_H
#define PXC_TEST_FUZZ_MODELS_H

#include <pxc/cost.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace pxc_fuzz {

inline void require(bool condition, const char *what) {
  if (!condition) {
    std::fprintf(stderr, "the cache differs from its model: %s\n", what);
    std::abort();
  }
}

/// Reads the fuzzer's bytes as a stream of small numbers.
class Input {
public:
  Input(const std::uint8_t *data, std::size_t size) : data_(data), size_(size) {}
  [[nodiscard]] bool empty() const { return position_ == size_; }
  int next() { return empty() ? 0 : data_[position_++]; }

private:
  const std::uint8_t *data_;
  std::size_t size_;
  std::size_t position_ = 0;
};

/// Costs around a small limit, a few negative ones, and some at the top of the Cost range.
inline pxc::Cost costFrom(int byte) {
  if (byte >= 250)
    return pxc::kMaxCost - (255 - byte);
  return static_cast<pxc::Cost>(byte % 24) - 2;
}

/// One shard of pxc::ConcurrentCostCache: CLOCK (second chance) over a ring in insertion
/// order. New entries go just behind the hand; the hand clears a set use flag and moves on,
/// or evicts an entry whose flag is clear, and after two full turns evicts regardless.
template <typename Key, typename Value> class ClockModel {
public:
  explicit ClockModel(pxc::Cost maxCost) : maxCost_(maxCost) {}

  bool insert(const Key &key, const Value &value, pxc::Cost cost) {
    if (cost < 0 || cost > maxCost_)
      return false;
    const std::size_t existing = indexOf(key);
    if (existing != ring_.size())
      erase(existing);
    trimTo(maxCost_ - cost);
    if (ring_.empty()) {
      ring_.push_back(Entry{key, value, cost, false});
      hand_ = 0;
    } else {
      ring_.insert(ring_.begin() + static_cast<std::ptrdiff_t>(hand_), Entry{key, value, cost, false});
      ++hand_;
    }
    return true;
  }

  const Value *find(const Key &key) {
    const std::size_t index = indexOf(key);
    if (index == ring_.size())
      return nullptr;
    ring_[index].used = true;
    return &ring_[index].value;
  }

  bool remove(const Key &key) {
    const std::size_t index = indexOf(key);
    if (index == ring_.size())
      return false;
    erase(index);
    return true;
  }

  bool setMaxCost(pxc::Cost maxCost) {
    if (maxCost < 0)
      return false;
    maxCost_ = maxCost;
    trimTo(maxCost);
    return true;
  }

  void clear() { ring_.clear(); }

  [[nodiscard]] pxc::Cost totalCost() const {
    pxc::Cost total = 0;
    for (const Entry &entry : ring_)
      total += entry.cost;
    return total;
  }
  [[nodiscard]] std::size_t size() const { return ring_.size(); }
  [[nodiscard]] bool contains(const Key &key) const { return indexOf(key) != ring_.size(); }

private:
  struct Entry {
    Key key;
    Value value;
    pxc::Cost cost;
    bool used;
  };

  [[nodiscard]] std::size_t indexOf(const Key &key) const {
    std::size_t index = 0;
    while (index < ring_.size() && !(ring_[index].key == key))
      ++index;
    return index;
  }

  void erase(std::size_t index) {
    ring_.erase(ring_.begin() + static_cast<std::ptrdiff_t>(index));
    if (index < hand_)
      --hand_;
    if (hand_ == ring_.size())
      hand_ = 0;
  }

  void trimTo(pxc::Cost target) {
    std::size_t secondChances = 0;
    while (totalCost() > target && !ring_.empty()) {
      Entry &candidate = ring_[hand_];
      if (candidate.used && secondChances++ < 2 * ring_.size()) {
        candidate.used = false;
        hand_ = (hand_ + 1) % ring_.size();
      } else {
        erase(hand_);
      }
    }
  }

  std::vector<Entry> ring_;
  std::size_t hand_ = 0;
  pxc::Cost maxCost_;
};

/// pxc::CostCache's recency order: least recently used evicted first.
template <typename Key, typename Value> class LruModel {
public:
  explicit LruModel(pxc::Cost maxCost) : maxCost_(maxCost) {}

  bool insert(const Key &key, const Value &value, pxc::Cost cost) {
    if (cost < 0 || cost > maxCost_)
      return false;
    remove(key);
    trimTo(maxCost_ - cost);
    entries_.insert(entries_.begin(), Entry{key, value, cost});
    return true;
  }

  const Value *find(const Key &key) {
    const std::size_t index = indexOf(key);
    if (index == entries_.size())
      return nullptr;
    const Entry entry = entries_[index];
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(index));
    entries_.insert(entries_.begin(), entry);
    return &entries_.front().value;
  }

  bool remove(const Key &key) {
    const std::size_t index = indexOf(key);
    if (index == entries_.size())
      return false;
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(index));
    return true;
  }

  bool setMaxCost(pxc::Cost maxCost) {
    if (maxCost < 0)
      return false;
    maxCost_ = maxCost;
    trimTo(maxCost);
    return true;
  }

  void clear() { entries_.clear(); }

  [[nodiscard]] pxc::Cost totalCost() const {
    pxc::Cost total = 0;
    for (const Entry &entry : entries_)
      total += entry.cost;
    return total;
  }
  [[nodiscard]] bool contains(const Key &key) const { return indexOf(key) != entries_.size(); }

private:
  struct Entry {
    Key key;
    Value value;
    pxc::Cost cost;
  };

  [[nodiscard]] std::size_t indexOf(const Key &key) const {
    std::size_t index = 0;
    while (index < entries_.size() && !(entries_[index].key == key))
      ++index;
    return index;
  }

  void trimTo(pxc::Cost target) {
    while (totalCost() > target)
      entries_.pop_back();
  }

  std::vector<Entry> entries_; // most recently used first
  pxc::Cost maxCost_;
};

} // namespace pxc_fuzz

#endif // PXC_TEST_FUZZ_MODELS_H

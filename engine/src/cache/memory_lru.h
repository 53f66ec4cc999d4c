#pragma once
// The in-process tier: shared, immutable FeatureSets (a hit hands out the same object, never a
// copy) in least-recently-used order, bounded in bytes, each with an expiry.
#include "strata/feature_store.h"

#include <QHash>
#include <QString>

#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>

namespace strata::cache {

class MemoryLru {
 public:
  explicit MemoryLru(std::uint64_t capacityBytes) : capacity_(capacityBytes) {}
  SharedFeatureSet get(const QString& key);
  /// A value larger than the whole bound is not kept (it would evict everything for nothing).
  void put(const QString& key, SharedFeatureSet value, std::uint64_t bytes, std::chrono::seconds ttl);
  /// Removes the keys starting with `prefix` (all when empty).
  void remove(const QString& prefix);
  std::uint64_t bytes() const;
  std::size_t entries() const;
  std::uint64_t capacity() const { return capacity_; }

 private:
  struct Entry {
    QString key;
    SharedFeatureSet value;
    std::uint64_t bytes = 0;
    std::chrono::steady_clock::time_point expires;
  };
  void erase(std::list<Entry>::iterator it);
  const std::uint64_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> order_;  // most recent first
  QHash<QString, std::list<Entry>::iterator> index_;
  std::uint64_t bytes_ = 0;
};

}  // namespace strata::cache

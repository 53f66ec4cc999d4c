#include "memory_lru.h"

namespace strata::cache {

SharedFeatureSet MemoryLru::get(const QString& key) {
  std::lock_guard lock(mutex_);
  const auto found = index_.constFind(key);
  if (found == index_.constEnd()) return nullptr;
  const auto it = found.value();
  if (it->expires <= std::chrono::steady_clock::now()) {
    erase(it);
    return nullptr;
  }
  order_.splice(order_.begin(), order_, it);
  return it->value;
}

void MemoryLru::put(const QString& key, SharedFeatureSet value, std::uint64_t bytes, std::chrono::seconds ttl) {
  std::lock_guard lock(mutex_);
  if (const auto found = index_.constFind(key); found != index_.constEnd()) erase(found.value());
  if (!value || bytes > capacity_) return;
  while (bytes_ + bytes > capacity_ && !order_.empty()) erase(std::prev(order_.end()));
  order_.push_front({key, std::move(value), bytes, std::chrono::steady_clock::now() + ttl});
  index_.insert(key, order_.begin());
  bytes_ += bytes;
}

void MemoryLru::remove(const QString& prefix) {
  std::lock_guard lock(mutex_);
  for (auto it = order_.begin(); it != order_.end();) {
    const auto next = std::next(it);
    if (it->key.startsWith(prefix)) erase(it);
    it = next;
  }
}

void MemoryLru::erase(std::list<Entry>::iterator it) {
  bytes_ -= it->bytes;
  index_.remove(it->key);
  order_.erase(it);
}

std::uint64_t MemoryLru::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t MemoryLru::entries() const {
  std::lock_guard lock(mutex_);
  return order_.size();
}

}  // namespace strata::cache

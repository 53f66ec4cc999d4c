#include "strata/matrix.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

namespace strata {
namespace {
// Below this a plain allocation is cheaper than a mapping.
constexpr std::size_t kMapThreshold = std::size_t{32} << 20;
constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t defaultRetainLimit() {
  const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || pageSize <= 0) return 0;
  return static_cast<std::size_t>(pages) * static_cast<std::size_t>(pageSize) / 4;
}

// Large mappings freed by one matrix and kept for the next. First-touch page faults (zeroing,
// and on a VM the host backing the pages again) cost more than computing the default pipeline,
// so a rerun of the same shape (the GUI's Run, a batch over symbols, the cache's decode) writes
// into pages that are already mapped. Kept pages are MADV_FREE: under memory pressure the kernel
// takes them back without swapping, and a later write simply faults in fresh ones.
class RetainedMappings {
 public:
  // Never destroyed: a matrix freed during static destruction (a global FeatureSet, say) must
  // still find it; the process is ending and its mappings go with it.
  static RetainedMappings& instance() {
    static RetainedMappings* const mappings = new RetainedMappings;
    return *mappings;
  }

  // The smallest kept mapping of at least `length` bytes, its surplus tail unmapped; or null.
  void* take(std::size_t length) {
    std::lock_guard lock(mutex_);
    auto best = kept_.end();
    for (auto it = kept_.begin(); it != kept_.end(); ++it)
      if (it->length >= length && (best == kept_.end() || it->length < best->length)) best = it;
    if (best == kept_.end()) return nullptr;
    const Mapping found = *best;
    kept_.erase(best);
    bytes_ -= found.length;
    if (found.length > length) munmap(static_cast<char*>(found.address) + length, found.length - length);
    return found.address;
  }

  void give(void* address, std::size_t length) {
    std::vector<Mapping> evicted;
    {
      std::lock_guard lock(mutex_);
      if (length > limit_) {
        evicted.push_back({address, length});
      } else {
        madvise(address, length, MADV_FREE);
        kept_.push_back({address, length});
        bytes_ += length;
        evicted = evictOverLimit();
      }
    }
    for (const Mapping& m : evicted) munmap(m.address, m.length);
  }

  void setLimit(std::size_t bytes) {
    std::vector<Mapping> evicted;
    {
      std::lock_guard lock(mutex_);
      limit_ = bytes;
      evicted = evictOverLimit();
    }
    for (const Mapping& m : evicted) munmap(m.address, m.length);
  }

  std::size_t limit() {
    std::lock_guard lock(mutex_);
    return limit_;
  }

  std::size_t bytes() {
    std::lock_guard lock(mutex_);
    return bytes_;
  }

 private:
  struct Mapping {
    void* address;
    std::size_t length;
  };
  // Oldest first; the caller unmaps them outside the lock.
  std::vector<Mapping> evictOverLimit() {
    std::vector<Mapping> evicted;
    while (bytes_ > limit_) {
      evicted.push_back(kept_.front());
      bytes_ -= kept_.front().length;
      kept_.erase(kept_.begin());
    }
    return evicted;
  }

  std::mutex mutex_;
  std::vector<Mapping> kept_;
  std::size_t bytes_ = 0;
  std::size_t limit_ = defaultRetainLimit();
};

}  // namespace

QString precisionName(Precision precision) {
  return precision == Precision::Float32 ? QStringLiteral("float32") : QStringLiteral("float64");
}

std::optional<Precision> precisionFromName(const QString& name) {
  if (name == u"float64") return Precision::Float64;
  if (name == u"float32") return Precision::Float32;
  return std::nullopt;
}

ColumnMatrix::ColumnMatrix(Eigen::Index rows, Eigen::Index cols, Precision precision)
    : rows_(rows), cols_(cols), precision_(precision) {
  const std::size_t bytes = this->bytes();
  if (bytes == 0) return;
  if (bytes >= kMapThreshold) {
    const std::size_t length = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = RetainedMappings::instance().take(length);
    if (!p) {
      p = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) throw std::bad_alloc();
      madvise(p, length, MADV_HUGEPAGE);  // advisory: ignored where THP is off
    }
    data_ = p;
    mappedBytes_ = length;
  } else {
    data_ = std::aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (!data_) throw std::bad_alloc();
  }
}

ColumnMatrix::~ColumnMatrix() { release(); }

ColumnMatrix::ColumnMatrix(ColumnMatrix&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      rows_(std::exchange(other.rows_, 0)),
      cols_(std::exchange(other.cols_, 0)),
      precision_(std::exchange(other.precision_, Precision::Float64)),
      mappedBytes_(std::exchange(other.mappedBytes_, 0)) {}

ColumnMatrix& ColumnMatrix::operator=(ColumnMatrix&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    rows_ = std::exchange(other.rows_, 0);
    cols_ = std::exchange(other.cols_, 0);
    precision_ = std::exchange(other.precision_, Precision::Float64);
    mappedBytes_ = std::exchange(other.mappedBytes_, 0);
  }
  return *this;
}

void ColumnMatrix::wrongPrecision(Precision wanted) const {
  throw std::logic_error("ColumnMatrix: " + precisionName(wanted).toStdString() + " access to a " +
                         precisionName(precision_).toStdString() + " matrix");
}

void ColumnMatrix::release() {
  if (!data_) return;
  if (mappedBytes_)
    RetainedMappings::instance().give(data_, mappedBytes_);
  else
    std::free(data_);
  data_ = nullptr;
  mappedBytes_ = 0;
}

void ColumnMatrix::setRetainedBytesLimit(std::size_t bytes) { RetainedMappings::instance().setLimit(bytes); }
std::size_t ColumnMatrix::retainedBytesLimit() { return RetainedMappings::instance().limit(); }
std::size_t ColumnMatrix::retainedBytes() { return RetainedMappings::instance().bytes(); }

}  // namespace strata

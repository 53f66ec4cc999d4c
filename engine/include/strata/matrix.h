#pragma once
// A column-major matrix of doubles (float64) or floats (float32) that owns its memory; a new
// matrix's values are unspecified (every producer writes every cell). Large matrices are mapped
// with transparent huge pages, and their pages are kept for the next matrix when freed, because
// first-touch page faults otherwise dominate writing a multi-GB matrix.
//
// Typed access is checked: column()/data()/map() are the float64 API and column32()/data32()
// the float32 one; calling one on a matrix of the other precision throws std::logic_error (a
// programming error, never a data error). operator() and visitColumn() work for both.
#include "strata/visibility.h"
#include "strata/precision.h"

#include <Eigen/Core>

#include <cstddef>
#include <span>
#include <stdexcept>

namespace strata {

class STRATA_ENGINE_EXPORT ColumnMatrix {
 public:
  ColumnMatrix() = default;
  ColumnMatrix(Eigen::Index rows, Eigen::Index cols, Precision precision = Precision::Float64);
  ~ColumnMatrix();
  ColumnMatrix(ColumnMatrix&& other) noexcept;
  ColumnMatrix& operator=(ColumnMatrix&& other) noexcept;
  ColumnMatrix(const ColumnMatrix&) = delete;
  ColumnMatrix& operator=(const ColumnMatrix&) = delete;

  Eigen::Index rows() const { return rows_; }
  Eigen::Index cols() const { return cols_; }
  Precision precision() const { return precision_; }
  std::size_t elementSize() const { return precision_ == Precision::Float32 ? sizeof(float) : sizeof(double); }
  std::size_t bytes() const { return static_cast<std::size_t>(rows_ * cols_) * elementSize(); }

  // float64 only.
  std::span<double> column(Eigen::Index j) { return {data() + j * rows_, rowCount()}; }
  std::span<const double> column(Eigen::Index j) const { return {data() + j * rows_, rowCount()}; }
  Eigen::Map<Eigen::MatrixXd> map() { return {data(), rows_, cols_}; }
  Eigen::Map<const Eigen::MatrixXd> map() const { return {data(), rows_, cols_}; }
  double* data() { return static_cast<double*>(typed(Precision::Float64)); }
  const double* data() const { return static_cast<const double*>(typed(Precision::Float64)); }

  // float32 only.
  std::span<float> column32(Eigen::Index j) { return {data32() + j * rows_, rowCount()}; }
  std::span<const float> column32(Eigen::Index j) const { return {data32() + j * rows_, rowCount()}; }
  float* data32() { return static_cast<float*>(typed(Precision::Float32)); }
  const float* data32() const { return static_cast<const float*>(typed(Precision::Float32)); }

  // Either precision.
  double operator()(Eigen::Index r, Eigen::Index c) const {
    const std::size_t at = static_cast<std::size_t>(c * rows_ + r);
    return precision_ == Precision::Float32 ? static_cast<const float*>(data_)[at]
                                            : static_cast<const double*>(data_)[at];
  }
  /// Calls fn(std::span<const double>) or fn(std::span<const float>) with column j, so a
  /// consumer writes its loop once as a template and reads either precision without a copy.
  template <typename Fn>
  decltype(auto) visitColumn(Eigen::Index j, Fn&& fn) const {
    if (precision_ == Precision::Float32) return fn(column32(j));
    return fn(column(j));
  }
  /// The raw storage (bytes() long), for byte-level copies: codecs, concatenation.
  std::byte* storage() { return static_cast<std::byte*>(data_); }
  const std::byte* storage() const { return static_cast<const std::byte*>(data_); }

  /// Freed large matrices keep their pages (lazily freed: the kernel may reclaim them) up to this
  /// many bytes in total, for the next matrix to reuse; 0 returns every freed page at once.
  /// Default: a quarter of physical memory.
  static void setRetainedBytesLimit(std::size_t bytes);
  static std::size_t retainedBytesLimit();
  static std::size_t retainedBytes();  // kept now

 private:
  std::size_t rowCount() const { return static_cast<std::size_t>(rows_); }
  void* typed(Precision wanted) const {
    if (precision_ != wanted) wrongPrecision(wanted);
    return data_;
  }
  [[noreturn]] void wrongPrecision(Precision wanted) const;
  void release();
  void* data_ = nullptr;
  Eigen::Index rows_ = 0;
  Eigen::Index cols_ = 0;
  Precision precision_ = Precision::Float64;
  std::size_t mappedBytes_ = 0;  // non-zero when data_ came from mmap
};

}  // namespace strata

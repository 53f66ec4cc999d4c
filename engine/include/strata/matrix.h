#pragma once
// A column-major double matrix that owns its memory; a new matrix's values are unspecified (every
// producer writes every cell). Large matrices are mapped with transparent huge pages, and their
// pages are kept for the next matrix when freed, because first-touch page faults otherwise
// dominate writing a multi-GB matrix.
#include <Eigen/Core>

#include <cstddef>
#include <span>

namespace strata {

class ColumnMatrix {
 public:
  ColumnMatrix() = default;
  ColumnMatrix(Eigen::Index rows, Eigen::Index cols);
  ~ColumnMatrix();
  ColumnMatrix(ColumnMatrix&& other) noexcept;
  ColumnMatrix& operator=(ColumnMatrix&& other) noexcept;
  ColumnMatrix(const ColumnMatrix&) = delete;
  ColumnMatrix& operator=(const ColumnMatrix&) = delete;

  Eigen::Index rows() const { return rows_; }
  Eigen::Index cols() const { return cols_; }
  std::size_t bytes() const { return static_cast<std::size_t>(rows_ * cols_) * sizeof(double); }

  std::span<double> column(Eigen::Index j) { return {data_ + j * rows_, static_cast<std::size_t>(rows_)}; }
  std::span<const double> column(Eigen::Index j) const {
    return {data_ + j * rows_, static_cast<std::size_t>(rows_)};
  }
  double operator()(Eigen::Index r, Eigen::Index c) const { return data_[c * rows_ + r]; }

  Eigen::Map<Eigen::MatrixXd> map() { return {data_, rows_, cols_}; }
  Eigen::Map<const Eigen::MatrixXd> map() const { return {data_, rows_, cols_}; }
  double* data() { return data_; }
  const double* data() const { return data_; }

  /// Freed large matrices keep their pages (lazily freed: the kernel may reclaim them) up to this
  /// many bytes in total, for the next matrix to reuse; 0 returns every freed page at once.
  /// Default: a quarter of physical memory.
  static void setRetainedBytesLimit(std::size_t bytes);
  static std::size_t retainedBytesLimit();
  static std::size_t retainedBytes();  // kept now

 private:
  void release();
  double* data_ = nullptr;
  Eigen::Index rows_ = 0;
  Eigen::Index cols_ = 0;
  std::size_t mappedBytes_ = 0;  // non-zero when data_ came from mmap
};

}  // namespace strata

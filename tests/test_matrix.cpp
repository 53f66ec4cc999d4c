// ColumnMatrix memory: large matrices reuse the pages of freed ones (no first-touch faults on a
// rerun of the same shape), within a byte limit, and never hand one mapping to two matrices.
#include "strata/matrix.h"

#include <QtTest>

#include <sys/resource.h>

#include <algorithm>

using strata::ColumnMatrix;

namespace {
constexpr Eigen::Index kRows = 1 << 20;  // 8 MiB per column
long minorFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}
void fill(ColumnMatrix& m, double value) { std::fill_n(m.data(), m.rows() * m.cols(), value); }
}  // namespace

class MatrixTest : public QObject {
  Q_OBJECT
 private slots:
  void init() { ColumnMatrix::setRetainedBytesLimit(std::size_t{1} << 30); }
  void cleanup() { ColumnMatrix::setRetainedBytesLimit(0); }

  void rerunOfSameShapeReusesPagesWithoutFaults() {
    const double* first = nullptr;
    {
      ColumnMatrix m(kRows, 8);  // 64 MiB: mapped
      fill(m, 1.0);
      first = m.data();
    }
    QVERIFY(ColumnMatrix::retainedBytes() >= std::size_t{64} << 20);
    const long before = minorFaults();
    ColumnMatrix again(kRows, 8);
    fill(again, 2.0);
    const long faults = minorFaults() - before;
    QCOMPARE(again.data(), first);
    QCOMPARE(ColumnMatrix::retainedBytes(), std::size_t{0});
    // 64 MiB freshly touched is 16,384 small pages (or 32 huge ones); reused pages fault only
    // where the kernel has already reclaimed them.
    QVERIFY2(faults < 32, qPrintable(QStringLiteral("%1 page faults").arg(faults)));
    QCOMPARE(again(kRows - 1, 7), 2.0);
  }

  void smallerMatrixTakesTheSmallestFittingMappingAndTrimsIt() {
    {
      ColumnMatrix big(kRows, 16), medium(kRows, 6);  // alive together: two mappings
      fill(big, 1.0);
      fill(medium, 1.0);
    }
    QCOMPARE(ColumnMatrix::retainedBytes(), std::size_t{176} << 20);
    ColumnMatrix small(kRows, 5);  // 40 MiB: from the 48 MiB mapping, its tail unmapped
    fill(small, 3.0);
    QCOMPARE(ColumnMatrix::retainedBytes(), std::size_t{128} << 20);
    ColumnMatrix other(kRows, 5);  // from the 128 MiB one: two live matrices never share pages
    fill(other, 4.0);
    QVERIFY(other.data() + kRows * 5 <= small.data() || small.data() + kRows * 5 <= other.data());
    QCOMPARE(small(0, 0), 3.0);
    QCOMPARE(ColumnMatrix::retainedBytes(), std::size_t{0});
  }

  void limitBoundsWhatIsKeptOldestFirst() {
    ColumnMatrix::setRetainedBytesLimit(std::size_t{100} << 20);
    const double* second = nullptr;
    { ColumnMatrix a(kRows, 6); fill(a, 1.0); }  // 48 MiB kept
    {
      ColumnMatrix b(kRows, 7);  // 56 MiB: takes nothing (48 MiB is too small), then is kept
      fill(b, 1.0);
      second = b.data();
    }
    // 48 + 56 > 100: the oldest (a) was unmapped.
    QCOMPARE(ColumnMatrix::retainedBytes(), std::size_t{56} << 20);
    ColumnMatrix c(kRows, 6);
    QCOMPARE(c.data(), second);
    ColumnMatrix::setRetainedBytesLimit(0);
    { ColumnMatrix d(kRows, 6); fill(d, 1.0); }
    QCOMPARE(ColumnMatrix::retainedBytes(), std::size_t{0});
  }

  // float32: half the bytes, its own typed access, the other precision's refused.
  void float32MatrixIsHalfTheBytesAndTyped() {
    ColumnMatrix single(kRows, 4, strata::Precision::Float32);
    QCOMPARE(single.precision(), strata::Precision::Float32);
    QCOMPARE(single.elementSize(), sizeof(float));
    QCOMPARE(single.bytes(), std::size_t{16} << 20);
    std::fill_n(single.data32(), kRows * 4, 0.5f);
    single.column32(3)[kRows - 1] = 1.0f / 3.0f;
    QCOMPARE(single(kRows - 1, 3), static_cast<double>(1.0f / 3.0f));
    QCOMPARE(single(0, 0), 0.5);
    QCOMPARE(single.visitColumn(3, [](auto column) { return double(column[column.size() - 1]); }),
             static_cast<double>(1.0f / 3.0f));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, single.column(0));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, single.data());
    QVERIFY_THROWS_EXCEPTION(std::logic_error, single.map());
    ColumnMatrix doubles(10, 2);
    QCOMPARE(doubles.bytes(), std::size_t{160});
    QVERIFY_THROWS_EXCEPTION(std::logic_error, doubles.column32(0));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, doubles.data32());
    // Moving keeps the precision; the moved-from matrix is an empty float64 one.
    ColumnMatrix moved = std::move(single);
    QCOMPARE(moved.precision(), strata::Precision::Float32);
    QCOMPARE(single.precision(), strata::Precision::Float64);
    QCOMPARE(single.bytes(), std::size_t{0});
  }

  // Pages kept from a float64 matrix serve a float32 one of the same bytes (they are bytes).
  void float32ReusesFreedPages() {
    const void* first = nullptr;
    {
      ColumnMatrix m(kRows, 4);  // 32 MiB
      fill(m, 1.0);
      first = m.storage();
    }
    ColumnMatrix single(kRows, 8, strata::Precision::Float32);  // 32 MiB too
    QCOMPARE(static_cast<const void*>(single.storage()), first);
    std::fill_n(single.data32(), kRows * 8, 2.0f);
    QCOMPARE(single(kRows - 1, 7), 2.0);
  }

  void smallMatricesAreNotMapped() {
    { ColumnMatrix m(1000, 10); fill(m, 1.0); }
    QCOMPARE(ColumnMatrix::retainedBytes(), std::size_t{0});
  }
};

QTEST_GUILESS_MAIN(MatrixTest)
#include "test_matrix.moc"

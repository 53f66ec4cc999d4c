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

  void smallMatricesAreNotMapped() {
    { ColumnMatrix m(1000, 10); fill(m, 1.0); }
    QCOMPARE(ColumnMatrix::retainedBytes(), std::size_t{0});
  }
};

QTEST_GUILESS_MAIN(MatrixTest)
#include "test_matrix.moc"

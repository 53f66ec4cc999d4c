#pragma once
// Feature sets for the cache tests: every kind of value the format must carry bit for bit.
#include "strata/pipeline.h"

#include <QtTest/QTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

namespace strata::test {

inline FeatureSet sampleFeatures(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed = 1,
                                 bool withTimestamps = true, bool withTarget = true,
                                 Precision precision = Precision::Float64) {
  std::mt19937_64 random(seed);
  FeatureSet f;
  if (withTimestamps)
    for (Eigen::Index r = 0; r < rows; ++r) f.timestamps.push_back(1'577'836'800'000'000 + r * 60'000'000);
  for (Eigen::Index c = 0; c < cols; ++c) f.columns.append(QStringLiteral("feature_%1_é").arg(c));
  f.matrix = ColumnMatrix(rows, cols, precision);
  const double specials[] = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(), -0.0, 5e-324};
  const float specials32[] = {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                              -std::numeric_limits<float>::infinity(), -0.0f, 1e-45f};  // 1e-45: a denormal
  for (Eigen::Index i = 0; i < rows * cols; ++i) {
    const double value = static_cast<double>(random() % 1'000'000) / 7.0;
    if (precision == Precision::Float32)
      f.matrix.data32()[i] = i % 97 == 3 ? specials32[i % 5] : static_cast<float>(value);
    else
      f.matrix.data()[i] = i % 97 == 3 ? specials[i % 5] : value;
  }
  if (withTarget) {
    f.target.resize(rows);
    for (Eigen::Index r = 0; r < rows; ++r) f.target[r] = r + 1 == rows ? std::nan("") : double(random() % 2);
  }
  for (Eigen::Index c = 0; c < cols; ++c) {
    f.normalization.min.push_back(-double(c));
    f.normalization.max.push_back(c == 0 ? std::nan("") : double(c));
  }
  f.normalization.fitRows = rows / 2;
  f.report.columns.push_back({QStringLiteral("feature_0_é"), 3, 1, 2, true});
  f.report.warnings = {QStringLiteral("min-max over all rows leaks the future"), QStringLiteral("second")};
  return f;
}

inline bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

/// Compares two sets exactly (values bit for bit, NaN payloads included).
inline void verifySame(const FeatureSet& a, const FeatureSet& b) {
  QCOMPARE(b.columns, a.columns);
  QCOMPARE(b.timestamps, a.timestamps);
  QCOMPARE(b.matrix.rows(), a.matrix.rows());
  QCOMPARE(b.matrix.cols(), a.matrix.cols());
  QCOMPARE(b.matrix.precision(), a.matrix.precision());
  // memcmp must not see the null storage of an empty matrix (UBSan: null pointer argument).
  QVERIFY(a.matrix.bytes() == 0 || std::memcmp(a.matrix.storage(), b.matrix.storage(), a.matrix.bytes()) == 0);
  QCOMPARE(b.target.size(), a.target.size());
  for (Eigen::Index r = 0; r < a.target.size(); ++r) QVERIFY(sameBits(a.target[r], b.target[r]));
  QCOMPARE(b.normalization.min.size(), a.normalization.min.size());
  for (std::size_t i = 0; i < a.normalization.min.size(); ++i) {
    QVERIFY(sameBits(a.normalization.min[i], b.normalization.min[i]));
    QVERIFY(sameBits(a.normalization.max[i], b.normalization.max[i]));
  }
  QCOMPARE(b.normalization.fitRows, a.normalization.fitRows);
  QCOMPARE(b.report.warnings, a.report.warnings);
  QCOMPARE(b.report.columns.size(), a.report.columns.size());
  for (std::size_t i = 0; i < a.report.columns.size(); ++i) {
    QCOMPARE(b.report.columns[i].name, a.report.columns[i].name);
    QCOMPARE(b.report.columns[i].nanCount, a.report.columns[i].nanCount);
    QCOMPARE(b.report.columns[i].posInfCount, a.report.columns[i].posInfCount);
    QCOMPARE(b.report.columns[i].negInfCount, a.report.columns[i].negInfCount);
    QCOMPARE(b.report.columns[i].constant, a.report.columns[i].constant);
  }
}

}  // namespace strata::test

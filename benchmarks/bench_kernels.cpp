// ns per bar of the indicator code the plugins run, on 1,000,000 bars of a seeded random walk
// (median of 9 runs), beside TA-Lib's figures measured on the same kind of machine.
#include "strata/indicators.h"
#include "strata/synthetic.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

using namespace strata;

namespace {

double medianNsPerBar(const std::function<void()>& fn, std::size_t bars) {
  std::vector<double> ns;
  for (int r = 0; r < 9; ++r) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    const auto end = std::chrono::steady_clock::now();
    ns.push_back(std::chrono::duration<double, std::nano>(end - start).count() / static_cast<double>(bars));
  }
  std::sort(ns.begin(), ns.end());
  return ns[ns.size() / 2];
}

}  // namespace

int main() {
  SyntheticSpec spec;
  spec.rows = 1'000'000;
  const Bars bars = synthesizeBars(spec);
  const auto n = static_cast<std::size_t>(bars.size());
  auto col = [n](const Eigen::VectorXd& v) { return kernels::In(v.data(), n); };
  std::vector<std::vector<double>> out(5, std::vector<double>(n));
  auto o = [&](int k) { return kernels::Out(out[static_cast<std::size_t>(k)]); };

  struct Row {
    const char* name;
    double taLib;
    std::function<void()> fn;
  };
  const std::vector<Row> rows = {
      {"RSI(14)", 5.4, [&] { indicators::rsi(col(bars.close), 14, indicators::Smoothing::Sma, o(0)); }},
      {"RSI(14) wilder", 5.4, [&] { indicators::rsi(col(bars.close), 14, indicators::Smoothing::Wilder, o(0)); }},
      {"MACD(12,26,9)", 12.2, [&] { indicators::macd(col(bars.close), 12, 26, 9, o(0), o(1), o(2)); }},
      {"BBANDS(20,2)", 4.3, [&] { indicators::bollinger(col(bars.close), 20, 2.0, 1, o(0), o(1), o(2), o(3), o(4)); }},
      {"ATR(14)", 6.2, [&] { indicators::atr(col(bars.high), col(bars.low), col(bars.close), 14, indicators::Smoothing::Sma, o(0)); }},
      {"ATR(14) wilder", 6.2, [&] { indicators::atr(col(bars.high), col(bars.low), col(bars.close), 14, indicators::Smoothing::Wilder, o(0)); }},
      {"OBV", 3.8, [&] { indicators::obv(col(bars.close), col(bars.volume), o(0)); }},
      {"SMA(30)", 1.0, [&] { kernels::rollingMean(col(bars.close), 30, o(0)); }},
      {"STDDEV(5)", 3.4, [&] { kernels::rollingStd(col(bars.close), 5, 0, o(0)); }},
  };
  std::printf("%-16s %10s %10s %8s\n", "kernel", "strata", "TA-Lib", "ratio");
  for (const Row& row : rows) {
    const double ns = medianNsPerBar(row.fn, n);
    std::printf("%-16s %7.2f ns %7.2f ns %7.2fx\n", row.name, ns, row.taLib, row.taLib / ns);
  }
  return 0;
}

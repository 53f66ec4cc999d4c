// ns per bar of every kernel the plugins run (each plugin's own, linked from its folder, and the
// SDK's shared ones), on 1,000,000 bars of a seeded random walk
// (thread CPU time, median and best of --repeat runs, 9 by default), beside TA-Lib's figures measured on the same
// kind of machine. Arguments after the options name the kernels to run (a prefix is enough).
// Usage: bench_kernels [--repeat N] [KERNEL...]
#include "bench_support.h"
#include "atr.h"
#include "bollinger.h"
#include "crossover.h"
#include "lag.h"
#include "macd.h"
#include "microstructure.h"
#include "obv.h"
#include "rsi.h"
#include "strata/sdk/kernels.h"
#include "strata/synthetic.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

using namespace strata;

namespace {

// CPU time of this thread, not wall time: on a machine shared with other jobs, time spent
// descheduled is not the kernel's.
double threadCpuNs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

struct Timing {
  double median, best;
};

Timing nsPerBar(const std::function<void()>& fn, std::size_t bars, int repeat) {
  std::vector<double> ns;
  for (int r = 0; r < repeat; ++r) {
    const double start = threadCpuNs();
    fn();
    ns.push_back((threadCpuNs() - start) / static_cast<double>(bars));
  }
  return {strata::bench::median(ns), *std::min_element(ns.begin(), ns.end())};
}

constexpr double kNoReference = std::numeric_limits<double>::quiet_NaN();

}  // namespace

int main(int argc, char** argv) {
  int repeat = 9;
  std::vector<std::string> only;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "--repeat" && a + 1 < argc)
      repeat = std::max(1, std::atoi(argv[++a]));
    else
      only.push_back(arg);
  }
  SyntheticSpec spec;
  spec.rows = 1'000'000;
  const Bars bars = synthesizeBars(spec);
  const auto n = static_cast<std::size_t>(bars.size());
  auto col = [n](const Eigen::VectorXd& v) { return kernels::In(v.data(), n); };
  std::vector<std::vector<double>> out(10, std::vector<double>(n));
  auto o = [&](int k) { return kernels::Out(out[static_cast<std::size_t>(k)]); };

  struct Row {
    const char* name;
    double taLib;
    std::function<void()> fn;
  };
  const std::vector<Row> rows = {
      {"RSI(14)", 5.4, [&] { indicators::rsi(col(bars.close), 14, kernels::Smoothing::Sma, o(0)); }},
      {"RSI(14) wilder", 5.4, [&] { indicators::rsi(col(bars.close), 14, kernels::Smoothing::Wilder, o(0)); }},
      {"MACD(12,26,9)", 12.2, [&] { indicators::macd(col(bars.close), 12, 26, 9, o(0), o(1), o(2)); }},
      {"BBANDS(20,2)", 4.3, [&] { indicators::bollinger(col(bars.close), 20, 2.0, 1, o(0), o(1), o(2), {}, {}); }},
      {"BBANDS(20,2) +2", 4.3, [&] { indicators::bollinger(col(bars.close), 20, 2.0, 1, o(0), o(1), o(2), o(3), o(4)); }},
      {"ATR(14)", 6.2, [&] { indicators::atr(col(bars.high), col(bars.low), col(bars.close), 14, kernels::Smoothing::Sma, o(0)); }},
      {"ATR(14) wilder", 6.2, [&] { indicators::atr(col(bars.high), col(bars.low), col(bars.close), 14, kernels::Smoothing::Wilder, o(0)); }},
      {"OBV", 3.8, [&] { indicators::obv(col(bars.close), col(bars.volume), o(0)); }},
      {"SMA(30)", 1.0, [&] { kernels::rollingMean(col(bars.close), 30, o(0)); }},
      {"STDDEV(5)", 3.4, [&] { kernels::rollingStd(col(bars.close), 5, 0, o(0)); }},
      // No TA-Lib figure for these on this machine: the pipeline's busiest rolling kernels.
      {"PCT_CHANGE(5)", kNoReference, [&] { kernels::pctChange(col(bars.close), 5, o(0)); }},
      {"MIN(5)", kNoReference, [&] { kernels::rollingMin(col(bars.close), 5, o(0)); }},
      {"MAX(20)", kNoReference, [&] { kernels::rollingMax(col(bars.close), 20, o(0)); }},
      {"DIFF(1)", kNoReference, [&] { kernels::diff(col(bars.close), 1, o(0)); }},
      {"LAG(5)", kNoReference, [&] { transforms::lag(col(bars.close), 5, o(0)); }},
      {"EMA(12)", kNoReference, [&] { kernels::ewmMean(col(bars.close), 2.0 / 13.0, 1, o(0)); }},
      {"WILDER(14)", kNoReference, [&] { kernels::wilderMean(col(bars.close), 14, o(0)); }},
      {"CORREL(20)", kNoReference, [&] { kernels::rollingCorr(col(bars.close), col(bars.volume), 20, o(0)); }},
      {"CROSSOVER", kNoReference, [&] { transforms::crossover(col(bars.close), col(bars.open), o(0)); }},
      {"MICROSTRUCTURE", kNoReference, [&] {
         indicators::microstructure(col(bars.open), col(bars.high), col(bars.low), col(bars.close),
                                    col(bars.volume), 20, 50,
                                    {o(0), o(1), o(2), o(3), o(4), o(5), o(6), o(7), o(8), o(9)});
       }},
  };
  auto selected = [&](const Row& row) {
    return only.empty() || std::any_of(only.begin(), only.end(), [&](const std::string& name) {
             return std::string_view(row.name).starts_with(name);
           });
  };
  std::printf("%-16s %10s %10s %10s %8s\n", "kernel", "median", "best", "TA-Lib", "ratio");
  for (const Row& row : rows) {
    if (!selected(row)) continue;
    const Timing t = nsPerBar(row.fn, n, repeat);
    if (std::isnan(row.taLib))
      std::printf("%-16s %7.2f ns %7.2f ns %10s %8s\n", row.name, t.median, t.best, "-", "-");
    else
      std::printf("%-16s %7.2f ns %7.2f ns %7.2f ns %7.2fx\n", row.name, t.median, t.best, row.taLib,
                  row.taLib / t.median);
  }
  return 0;
}

// ns per bar of every kernel the plugins run (each plugin's own, linked from its folder, and the
// SDK's shared ones), on the 1,000,000 bars of `strata-cli synth --rows 1000000 --seed 7`
// (thread CPU time, median and best of --repeat runs, 9 by default), beside TA-Lib's figures
// measured on the same kind of machine on the same bars (tests/golden/talib/talib_ns_per_bar_1M.tsv,
// compiled in). Arguments after the options name the kernels to run (a prefix is enough).
// Usage: bench_kernels [--repeat N] [KERNEL...]
#include "bench_support.h"
#include "ad.h"
#include "adosc.h"
#include "apo.h"
#include "aroon.h"
#include "atr.h"
#include "bollinger.h"
#include "bop.h"
#include "cci.h"
#include "cmo.h"
#include "crossover.h"
#include "dema.h"
#include "dmi.h"
#include "kama.h"
#include "lag.h"
#include "macd.h"
#include "microstructure.h"
#include "natr.h"
#include "midpoint.h"
#include "midprice.h"
#include "donchian.h"
#include "keltner.h"
#include "mfi.h"
#include "obv.h"
#include "ppo.h"
#include "price_transform.h"
#include "roc.h"
#include "rsi.h"
#include "sar.h"
#include "stoch.h"
#include "stochf.h"
#include "stochrsi.h"
#include "strata/sdk/kernels.h"
#include "strata/synthetic.h"
#include "t3.h"
#include "talib_timings.h"
#include "tema.h"
#include "trange.h"
#include "trima.h"
#include "trix.h"
#include "ultosc.h"
#include "willr.h"
#include "wma.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <sstream>
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

// TA-Lib's ns per bar by function name, from the compiled-in TSV ("SMA\t1.036" lines).
std::map<std::string, double> taLibTimings() {
  std::map<std::string, double> timings;
  std::istringstream lines(kTaLibTimingsTsv);
  std::string name;
  double ns = 0;
  while (lines >> name >> ns) timings[name] = ns;
  return timings;
}

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
  spec.seed = 7;  // the bars TA-Lib's figures were measured on
  const Bars bars = synthesizeBars(spec);
  const std::map<std::string, double> taLib = taLibTimings();
  auto ta = [&taLib](const char* function) {
    const auto it = taLib.find(function);
    return it == taLib.end() ? kNoReference : it->second;
  };
  const auto n = static_cast<std::size_t>(bars.size());
  auto col = [n](const Eigen::VectorXd& v) { return kernels::In(v.data(), n); };
  std::vector<std::vector<double>> out(10, std::vector<double>(n));
  auto o = [&](int k) { return kernels::Out(out[static_cast<std::size_t>(k)]); };

  // The directional movement system at TA-Lib's default window, with the outputs `pick` sets.
  auto dmi = [&](auto pick) {
    indicators::DmiOutputs outputs;
    pick(outputs);
    indicators::dmi(col(bars.high), col(bars.low), col(bars.close), 14, outputs);
  };

  struct Row {
    const char* name;
    double taLib;
    std::function<void()> fn;
  };
  const std::vector<Row> rows = {
      {"RSI(14)", ta("RSI"), [&] { indicators::rsi(col(bars.close), 14, kernels::Smoothing::Sma, o(0)); }},
      {"RSI(14) wilder", ta("RSI"), [&] { indicators::rsi(col(bars.close), 14, kernels::Smoothing::Wilder, o(0)); }},
      {"MACD(12,26,9)", ta("MACD"), [&] { indicators::macd(col(bars.close), 12, 26, 9, o(0), o(1), o(2)); }},
      {"BBANDS(20,2)", ta("BBANDS"), [&] { indicators::bollinger(col(bars.close), 20, 2.0, 1, o(0), o(1), o(2), {}, {}); }},
      {"BBANDS(20,2) +2", ta("BBANDS"), [&] { indicators::bollinger(col(bars.close), 20, 2.0, 1, o(0), o(1), o(2), o(3), o(4)); }},
      {"ATR(14)", ta("ATR"), [&] { indicators::atr(col(bars.high), col(bars.low), col(bars.close), 14, kernels::Smoothing::Sma, o(0)); }},
      {"ATR(14) wilder", ta("ATR"), [&] { indicators::atr(col(bars.high), col(bars.low), col(bars.close), 14, kernels::Smoothing::Wilder, o(0)); }},
      {"OBV", ta("OBV"), [&] { indicators::obv(col(bars.close), col(bars.volume), o(0)); }},
      {"SMA(30)", ta("SMA"), [&] { kernels::rollingMean(col(bars.close), 30, o(0)); }},
      {"STDDEV(5)", ta("STDDEV"), [&] { kernels::rollingStd(col(bars.close), 5, 0, o(0)); }},
      // The catalogue (plugins/indicators/*), at TA-Lib's default parameters.
      {"EMA(30)", ta("EMA"), [&] { kernels::smaSeededEma(col(bars.close), 30, o(0)); }},
      {"WMA(30)", ta("WMA"), [&] { indicators::wma(col(bars.close), 30, o(0)); }},
      {"DEMA(30)", ta("DEMA"), [&] { indicators::dema(col(bars.close), 30, o(0)); }},
      {"TEMA(30)", ta("TEMA"), [&] { indicators::tema(col(bars.close), 30, o(0)); }},
      {"TRIMA(30)", ta("TRIMA"), [&] { indicators::trima(col(bars.close), 30, o(0)); }},
      {"KAMA(30)", ta("KAMA"), [&] { indicators::kama(col(bars.close), 30, o(0)); }},
      {"T3(5,0.7)", ta("T3"), [&] { indicators::t3(col(bars.close), 5, 0.7, o(0)); }},
      {"MIDPOINT(14)", ta("MIDPOINT"), [&] { indicators::midpoint(col(bars.close), 14, o(0)); }},
      {"MIDPRICE(14)", ta("MIDPRICE"), [&] { indicators::midprice(col(bars.high), col(bars.low), 14, o(0)); }},
      {"SAR(0.02,0.2)", ta("SAR"), [&] { indicators::sar(col(bars.high), col(bars.low), 0.02, 0.2, o(0)); }},
      {"MOM(10)", ta("MOM"), [&] { kernels::diff(col(bars.close), 10, o(0)); }},
      {"ROC(10)", ta("ROC"), [&] { indicators::roc(col(bars.close), 10, indicators::RocForm::Percent, o(0)); }},
      {"ROCP(10)", ta("ROCP"), [&] { indicators::roc(col(bars.close), 10, indicators::RocForm::Fraction, o(0)); }},
      {"ROCR(10)", ta("ROCR"), [&] { indicators::roc(col(bars.close), 10, indicators::RocForm::Ratio, o(0)); }},
      {"ROCR100(10)", ta("ROCR100"), [&] { indicators::roc(col(bars.close), 10, indicators::RocForm::Ratio100, o(0)); }},
      {"WILLR(14)", ta("WILLR"), [&] { indicators::willr(col(bars.high), col(bars.low), col(bars.close), 14, o(0)); }},
      {"CCI(14)", ta("CCI"), [&] { indicators::cci(col(bars.high), col(bars.low), col(bars.close), 14, o(0)); }},
      {"BOP", ta("BOP"), [&] { indicators::bop(col(bars.open), col(bars.high), col(bars.low), col(bars.close), o(0)); }},
      {"CMO(14)", ta("CMO"), [&] { indicators::cmo(col(bars.close), 14, o(0)); }},
      {"APO(12,26)", ta("APO"), [&] { indicators::apo(col(bars.close), 12, 26, kernels::MovingAverage::Sma, o(0)); }},
      {"PPO(12,26)", ta("PPO"), [&] { indicators::ppo(col(bars.close), 12, 26, kernels::MovingAverage::Sma, o(0)); }},
      {"AVGPRICE", ta("AVGPRICE"), [&] {
         indicators::averagePrice(col(bars.open), col(bars.high), col(bars.low), col(bars.close), o(0));
       }},
      {"MEDPRICE", ta("MEDPRICE"), [&] { indicators::medianPrice(col(bars.high), col(bars.low), o(0)); }},
      {"TYPPRICE", ta("TYPPRICE"), [&] { indicators::typicalPrice(col(bars.high), col(bars.low), col(bars.close), o(0)); }},
      {"WCLPRICE", ta("WCLPRICE"), [&] { indicators::weightedClosePrice(col(bars.high), col(bars.low), col(bars.close), o(0)); }},
      {"STOCH(5,3,3)", ta("STOCH"), [&] {
         indicators::stoch(col(bars.high), col(bars.low), col(bars.close), 5, {3, kernels::MovingAverage::Sma},
                           {3, kernels::MovingAverage::Sma}, o(0), o(1));
       }},
      {"STOCHF(5,3)", ta("STOCHF"), [&] {
         indicators::stochf(col(bars.high), col(bars.low), col(bars.close), 5, 3, kernels::MovingAverage::Sma, o(0), o(1));
       }},
      {"STOCHRSI(14,5,3)", ta("STOCHRSI"), [&] {
         indicators::stochrsi(col(bars.close), 14, 5, 3, kernels::MovingAverage::Sma, o(0), o(1));
       }},
      {"MFI(14)", ta("MFI"), [&] { indicators::mfi(col(bars.high), col(bars.low), col(bars.close), col(bars.volume), 14, o(0)); }},
      {"TRIX(30)", ta("TRIX"), [&] { indicators::trix(col(bars.close), 30, o(0)); }},
      {"AD", ta("AD"), [&] { indicators::ad(col(bars.high), col(bars.low), col(bars.close), col(bars.volume), o(0)); }},
      {"ADOSC(3,10)", ta("ADOSC"), [&] {
         indicators::adosc(col(bars.high), col(bars.low), col(bars.close), col(bars.volume), 3, 10, o(0));
       }},
      // The range and directional-movement family; each DMI output alone, as TA-Lib's functions.
      {"ATR(14) talib", ta("ATR"), [&] { indicators::atr(col(bars.high), col(bars.low), col(bars.close), 14, kernels::Smoothing::Wilder, o(0), 1); }},
      {"TRANGE", ta("TRANGE"), [&] { indicators::trange(col(bars.high), col(bars.low), col(bars.close), o(0)); }},
      {"NATR(14)", ta("NATR"), [&] { indicators::natr(col(bars.high), col(bars.low), col(bars.close), 14, o(0)); }},
      {"PLUS_DM(14)", ta("PLUS_DM"), [&] { dmi([&](indicators::DmiOutputs& d) { d.plusDm = o(0); }); }},
      {"MINUS_DM(14)", ta("MINUS_DM"), [&] { dmi([&](indicators::DmiOutputs& d) { d.minusDm = o(0); }); }},
      {"PLUS_DI(14)", ta("PLUS_DI"), [&] { dmi([&](indicators::DmiOutputs& d) { d.plusDi = o(0); }); }},
      {"MINUS_DI(14)", ta("MINUS_DI"), [&] { dmi([&](indicators::DmiOutputs& d) { d.minusDi = o(0); }); }},
      {"DX(14)", ta("DX"), [&] { dmi([&](indicators::DmiOutputs& d) { d.dx = o(0); }); }},
      {"ADX(14)", ta("ADX"), [&] { dmi([&](indicators::DmiOutputs& d) { d.adx = o(0); }); }},
      {"ADXR(14)", ta("ADXR"), [&] { dmi([&](indicators::DmiOutputs& d) { d.adxr = o(0); }); }},
      {"AROON(14)", ta("AROON"), [&] { indicators::aroon(col(bars.high), col(bars.low), 14, o(0), o(1), {}); }},
      {"AROONOSC(14)", ta("AROONOSC"), [&] { indicators::aroon(col(bars.high), col(bars.low), 14, {}, {}, o(0)); }},
      {"ULTOSC(7,14,28)", ta("ULTOSC"), [&] { indicators::ultosc(col(bars.high), col(bars.low), col(bars.close), 7, 14, 28, o(0)); }},
      // Beyond TA-Lib (tests/reference/catalogue_reference.py): O(n), no allocation in the loop.
      {"DONCHIAN(20) +width", kNoReference, [&] {
        indicators::donchian(col(bars.high), col(bars.low), 20, o(0), o(1), o(2));
        indicators::channelWidth(o(0), o(1), o(2), o(3)); }},
      {"KELTNER(20,2) +width", kNoReference, [&] {
        indicators::keltner(col(bars.high), col(bars.low), col(bars.close), 20, 2.0, o(0), o(1), o(2));
        indicators::channelWidth(o(0), o(1), o(2), o(3)); }},
      // No TA-Lib figure for these on this machine: the pipeline's busiest rolling kernels.
      {"PCT_CHANGE(5)", kNoReference, [&] { kernels::pctChange(col(bars.close), 5, o(0)); }},
      {"MIN(5)", kNoReference, [&] { kernels::rollingMin(col(bars.close), 5, o(0)); }},
      {"MAX(20)", kNoReference, [&] { kernels::rollingMax(col(bars.close), 20, o(0)); }},
      {"DIFF(1)", kNoReference, [&] { kernels::diff(col(bars.close), 1, o(0)); }},
      {"LAG(5)", kNoReference, [&] { transforms::lag(col(bars.close), 5, o(0)); }},
      {"EMA(12)", kNoReference, [&] { kernels::ewmMean(col(bars.close), 2.0 / 13.0, 1, o(0)); }},
      {"WILDER(14)", kNoReference, [&] { kernels::wilderMean(col(bars.close), 14, o(0)); }},
      {"CORREL(20)", kNoReference, [&] { kernels::rollingCorr(col(bars.close), col(bars.volume), 20, o(0)); }},
      {"DMI(14) all 7", kNoReference, [&] {
         dmi([&](indicators::DmiOutputs& d) { d = {o(0), o(1), o(2), o(3), o(4), o(5), o(6)}; });
       }},
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

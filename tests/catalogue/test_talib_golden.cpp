// The catalogue against TA-Lib's own outputs (tests/golden/talib/, its README says how they were
// made). Each plugin is computed the way `strata-cli generate` computes a step: the real plugin
// libraries loaded from the plugin directory, a one-step pipeline config, Pipeline::computeRaw on
// the bars. One row per (TA-Lib function, series); every output column is compared with TA-Lib's
// on every row:
//  - NaN exactly where TA-Lib has no value (its lookback: the same first output row);
//  - elsewhere within 1e-9 relative to the larger of the two values and the column's mean
//    magnitude (a column crossing zero, such as MOM or APO, has no relative error of its own
//    near zero; the mean magnitude is its scale).
// The STDDEV/VAR/CORREL/BETA/LINEARREG/TSF family (and the Bollinger bands, whose width is
// TA-Lib's STDDEV) is computed by TA-Lib from running sums (of squares, of products), which
// drift by about 1e-8 relative on large prices: those columns are held to an exact two-pass
// computation in long double at 1e-9, and to TA-Lib at the looser kTaLibDriftTolerance.
#include "strata/csv_bars.h"
#include "strata/pipeline.h"
#include "strata/pipeline_config.h"
#include "strata/plugin_registry.h"
#include "strata/time_format.h"
#include "test_support.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

using namespace strata;

namespace {

constexpr double kRelative = 1e-9;
// The drifting family against TA-Lib itself: its running sums of squares are off by up to
// 3e-11 of the scale on these series (measured; tests/golden/talib/README.md expects ~1e-8 on
// large prices), so 1e-8.
constexpr double kTaLibDriftTolerance = 1e-8;
// STDDEV, VAR and CORREL on syn20 (20,000 minute bars): TA-Lib's running sums of squares never
// forget, and drift to 1.8e-7 (STDDEV), 3.4e-8 (VAR), 1.6e-8 (CORREL) of the scale there (measured; ours
// is within 1e-14 of two-pass).
constexpr double kTaLibLongDriftTolerance = 1e-6;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Values = std::vector<double>;

// The exact values of one output for the drifting family, from the bars.
using ExactReference = std::function<Values(const Bars&)>;

struct GoldenColumn {
  QString golden;  // TA-Lib's column, "FUNCTION_params.Output"
  QString ours;    // the plugin's output column
  ExactReference exact = {};
  // Against TA-Lib, for a column with an exact reference: how far TA-Lib's running sums drift.
  double taLibTolerance = kTaLibDriftTolerance;
};

struct GoldenCase {
  QString function;  // the row's name: TA-Lib's function and parameters
  QString plugin;
  QString params;  // YAML flow mapping, as in a pipeline file
  std::vector<GoldenColumn> columns;
};

// mean + k * population standard deviation of close over each window, two-pass in long double.
Values exactBand(const Bars& bars, int window, double k) {
  const auto n = static_cast<std::size_t>(bars.size());
  const auto w = static_cast<std::size_t>(window);
  Values out(n, kNaN);
  for (std::size_t i = w - 1; i < n; ++i) {
    long double mean = 0, m2 = 0;
    for (std::size_t j = i + 1 - w; j <= i; ++j) mean += bars.close[static_cast<Eigen::Index>(j)];
    mean /= static_cast<long double>(w);
    for (std::size_t j = i + 1 - w; j <= i; ++j) {
      const long double d = bars.close[static_cast<Eigen::Index>(j)] - mean;
      m2 += d * d;
    }
    out[i] = static_cast<double>(mean + static_cast<long double>(k) *
                                            std::sqrt(m2 / static_cast<long double>(w)));
  }
  return out;
}

// The statistics family, two-pass in long double over each window: means first, then sums of
// products of deviations. TA-Lib's conventions where it writes 0 (its zero tests on these sums).
using Column = const Eigen::VectorXd Bars::*;

struct WindowMoments {
  long double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
};
// Moments of pairs (f(k), g(k)) for k in [first, first + w).
template <typename F, typename G>
WindowMoments twoPass(std::size_t first, std::size_t w, F f, G g) {
  WindowMoments m;
  for (std::size_t k = first; k < first + w; ++k) m.mx += f(k), m.my += g(k);
  m.mx /= static_cast<long double>(w), m.my /= static_cast<long double>(w);
  for (std::size_t k = first; k < first + w; ++k) {
    const long double dx = f(k) - m.mx, dy = g(k) - m.my;
    m.sxx += dx * dx, m.syy += dy * dy, m.sxy += dx * dy;
  }
  return m;
}

// `statistic(moments, first row)` of every window of w rows ending at rows skip + w - 1 on.
template <typename F, typename G, typename S>
Values exactWindows(const Bars& bars, std::size_t w, std::size_t skip, F f, G g, S statistic) {
  const auto n = static_cast<std::size_t>(bars.size());
  Values out(n, kNaN);
  for (std::size_t first = skip; first + w <= n; ++first)
    out[first + w - 1] = static_cast<double>(statistic(twoPass(first, w, f, g), first));
  return out;
}

auto field(const Bars& bars, Column column) {
  return [&bars, column](std::size_t k) -> long double { return (bars.*column)[static_cast<Eigen::Index>(k)]; };
}
// TA-Lib's simple return of row k (k >= 1): 0 after a value within 1e-8 of 0.
auto simpleReturn(const Bars& bars, Column column) {
  return [&bars, column](std::size_t k) -> long double {
    const long double previous = (bars.*column)[static_cast<Eigen::Index>(k - 1)];
    return std::abs(previous) < 1e-8L ? 0.0L : (bars.*column)[static_cast<Eigen::Index>(k)] / previous - 1;
  };
}

// VAR (population) or STDDEV (nbDev sqrt(VAR), 0 below a variance of 1e-8, TA-Lib's) of close.
Values exactSpread(const Bars& bars, int window, bool deviation) {
  const auto w = static_cast<std::size_t>(window);
  const auto close = field(bars, &Bars::close);
  return exactWindows(bars, w, 0, close, close, [w, deviation](const WindowMoments& m, std::size_t) {
    const long double variance = m.sxx / static_cast<long double>(w);
    return !deviation ? variance : (variance < 1e-8L ? 0.0L : std::sqrt(variance));
  });
}

// The form ("value", "slope", "intercept", "angle", "tsf") of the least-squares line of close
// against the bar number over each window.
Values exactRegression(const Bars& bars, int window, QString form) {
  const auto w = static_cast<std::size_t>(window);
  const auto close = field(bars, &Bars::close);
  const long double half = (window - 1) / 2.0L;
  return exactWindows(bars, w, 0, [](std::size_t k) -> long double { return k; }, close,
                      [form, half](const WindowMoments& m, std::size_t) {
                        const long double slope = m.sxy / m.sxx;
                        if (form == u"slope") return slope;
                        if (form == u"angle") return std::atan(slope) * 180.0L / 3.14159265358979323846264338327950288L;
                        if (form == u"intercept") return m.my - slope * half;
                        if (form == u"tsf") return m.my + slope * (half + 1);
                        return m.my + slope * half;
                      });
}

// CORREL of high and low (0 where the product of the sums of squares is below 1e-8, TA-Lib's).
Values exactCorrelation(const Bars& bars, int window) {
  return exactWindows(bars, static_cast<std::size_t>(window), 0, field(bars, &Bars::high),
                      field(bars, &Bars::low), [](const WindowMoments& m, std::size_t) {
                        const long double spread = m.sxx * m.syy;
                        return spread < 1e-8L ? 0.0L : m.sxy / std::sqrt(spread);
                      });
}

// BETA of low's returns on high's (0 where window * the sum of squares is within 1e-8 of 0).
Values exactBeta(const Bars& bars, int window) {
  const auto w = static_cast<long double>(window);
  return exactWindows(bars, static_cast<std::size_t>(window), 1, simpleReturn(bars, &Bars::high),
                      simpleReturn(bars, &Bars::low), [w](const WindowMoments& m, std::size_t) {
                        return std::abs(w * m.sxx) < 1e-8L ? 0.0L : m.sxy / m.sxx;
                      });
}

GoldenCase single(const char* function, const char* plugin, const char* params, const char* golden,
                  const char* ours) {
  return {QString::fromLatin1(function),
          QString::fromLatin1(plugin),
          QString::fromLatin1(params),
          {{QString::fromLatin1(golden), QString::fromLatin1(ours)}}};
}

// A function with several outputs: (TA-Lib's column, the plugin's) pairs.
GoldenCase several(const char* function, const char* plugin, const char* params,
                   std::initializer_list<std::pair<const char*, const char*>> columns) {
  GoldenCase c = single(function, plugin, params, "", "");
  c.columns.clear();
  for (const auto& [golden, ours] : columns)
    c.columns.push_back({QString::fromLatin1(golden), QString::fromLatin1(ours)});
  return c;
}

const std::vector<GoldenCase>& goldenCases() {
  static const std::vector<GoldenCase> cases = [] {
    std::vector<GoldenCase> c = {
        single("SMA_30", "sma", "{window: 30}", "SMA_30.Real", "sma"),
        single("EMA_30", "ema", "{window: 30}", "EMA_30.Real", "ema"),
        single("WMA_30", "wma", "{window: 30}", "WMA_30.Real", "wma"),
        single("DEMA_30", "dema", "{window: 30}", "DEMA_30.Real", "dema"),
        single("TEMA_30", "tema", "{window: 30}", "TEMA_30.Real", "tema"),
        single("TRIMA_30", "trima", "{window: 30}", "TRIMA_30.Real", "trima"),
        single("KAMA_30", "kama", "{window: 30}", "KAMA_30.Real", "kama"),
        single("T3_5_0.7", "t3", "{window: 5, volume_factor: 0.7}", "T3_5_0.7.Real", "t3"),
        single("MIDPOINT_14", "midpoint", "{window: 14}", "MIDPOINT_14.Real", "midpoint"),
        single("MIDPRICE_14", "midprice", "{window: 14}", "MIDPRICE_14.Real", "midprice"),
        single("SAR_0.02_0.2", "sar", "{acceleration: 0.02, maximum: 0.2}", "SAR_0.02_0.2.Real",
               "sar"),
        single("MOM_10", "mom", "{period: 10}", "MOM_10.Real", "mom"),
        single("ROC_10", "roc", "{period: 10, form: roc}", "ROC_10.Real", "roc"),
        single("ROCP_10", "roc", "{period: 10, form: rocp}", "ROCP_10.Real", "rocp"),
        single("ROCR_10", "roc", "{period: 10, form: rocr}", "ROCR_10.Real", "rocr"),
        single("ROCR100_10", "roc", "{period: 10, form: rocr100}", "ROCR100_10.Real", "rocr100"),
        single("WILLR_14", "willr", "{window: 14}", "WILLR_14.Real", "willr"),
        single("CCI_14", "cci", "{window: 14}", "CCI_14.Real", "cci"),
        single("BOP", "bop", "{}", "BOP.Real", "bop"),
        single("CMO_14", "cmo", "{window: 14}", "CMO_14.Real", "cmo"),
        single("APO_12_26_0", "apo", "{fast_period: 12, slow_period: 26, ma_type: sma}",
               "APO_12_26_0.Real", "apo"),
        single("PPO_12_26_0", "ppo", "{fast_period: 12, slow_period: 26, ma_type: sma}",
               "PPO_12_26_0.Real", "ppo"),
        single("AVGPRICE", "price_transform", "{kind: avgprice}", "AVGPRICE.Real", "avgprice"),
        single("MEDPRICE", "price_transform", "{kind: medprice}", "MEDPRICE.Real", "medprice"),
        single("TYPPRICE", "price_transform", "{kind: typprice}", "TYPPRICE.Real", "typprice"),
        single("WCLPRICE", "price_transform", "{kind: wclprice}", "WCLPRICE.Real", "wclprice"),
        several("STOCH_5_3_0_3_0", "stoch",
                "{fastk_period: 5, slowk_period: 3, slowk_ma_type: sma, slowd_period: 3, "
                "slowd_ma_type: sma}",
                {{"STOCH_5_3_0_3_0.SlowK", "slowk"}, {"STOCH_5_3_0_3_0.SlowD", "slowd"}}),
        several("STOCHF_5_3_0", "stochf", "{fastk_period: 5, fastd_period: 3, fastd_ma_type: sma}",
                {{"STOCHF_5_3_0.FastK", "fastk"}, {"STOCHF_5_3_0.FastD", "fastd"}}),
        several("STOCHRSI_14_5_3_0", "stochrsi",
                "{window: 14, fastk_period: 5, fastd_period: 3, fastd_ma_type: sma}",
                {{"STOCHRSI_14_5_3_0.FastK", "stochrsi_fastk"},
                 {"STOCHRSI_14_5_3_0.FastD", "stochrsi_fastd"}}),
        single("MFI_14", "mfi", "{window: 14}", "MFI_14.Real", "mfi"),
        single("TRIX_30", "trix", "{window: 30}", "TRIX_30.Real", "trix"),
        single("AD", "ad", "{}", "AD.Real", "ad"),
        single("ADOSC_3_10", "adosc", "{fast_period: 3, slow_period: 10}", "ADOSC_3_10.Real",
               "adosc"),
        // The seed's plugins where their options give TA-Lib's conventions.
        single("RSI_14", "rsi", "{window: 14, smoothing: wilder}", "RSI_14.Real", "rsi"),
        single("ATR_14", "atr", "{window: 14, smoothing: wilder, first_range_row: 1}", "ATR_14.Real",
               "atr"),
        // The range and directional-movement family.
        single("TRANGE", "trange", "{}", "TRANGE.Real", "trange"),
        single("NATR_14", "natr", "{window: 14}", "NATR_14.Real", "natr"),
        single("PLUS_DM_14", "dmi", "{window: 14}", "PLUS_DM_14.Real", "plus_dm"),
        single("MINUS_DM_14", "dmi", "{window: 14}", "MINUS_DM_14.Real", "minus_dm"),
        single("PLUS_DI_14", "dmi", "{window: 14}", "PLUS_DI_14.Real", "plus_di"),
        single("MINUS_DI_14", "dmi", "{window: 14}", "MINUS_DI_14.Real", "minus_di"),
        single("DX_14", "dmi", "{window: 14}", "DX_14.Real", "dx"),
        single("ADX_14", "dmi", "{window: 14}", "ADX_14.Real", "adx"),
        single("ADXR_14", "dmi", "{window: 14}", "ADXR_14.Real", "adxr"),
        {QStringLiteral("AROON_14"),
         QStringLiteral("aroon"),
         QStringLiteral("{window: 14}"),
         {{QStringLiteral("AROON_14.AroonDown"), QStringLiteral("aroon_down")},
          {QStringLiteral("AROON_14.AroonUp"), QStringLiteral("aroon_up")}}},
        single("AROONOSC_14", "aroon", "{window: 14}", "AROONOSC_14.Real", "aroon_osc"),
        single("ULTOSC_7_14_28", "ultosc", "{period1: 7, period2: 14, period3: 28}",
               "ULTOSC_7_14_28.Real", "ultosc"),
    };
    auto band = [](double k) { return [k](const Bars& bars) { return exactBand(bars, 20, k); }; };
    c.push_back({QStringLiteral("BBANDS_20_2.0_2.0_0"),
                 QStringLiteral("bollinger"),
                 QStringLiteral("{window: 20, num_std_dev: 2.0, ddof: 0}"),
                 {{QStringLiteral("BBANDS_20_2.0_2.0_0.RealUpperBand"), QStringLiteral("bb_upper"),
                   band(2.0)},
                  {QStringLiteral("BBANDS_20_2.0_2.0_0.RealMiddleBand"),
                   QStringLiteral("bb_middle"), band(0.0)},
                  {QStringLiteral("BBANDS_20_2.0_2.0_0.RealLowerBand"), QStringLiteral("bb_lower"),
                   band(-2.0)}}});
    // The statistics family: exact (two-pass) at 1e-9, TA-Lib at kTaLibDriftTolerance.
    auto exact = [&c](const char* function, const char* plugin, const char* params, const char* ours,
                      ExactReference reference, double taLib = kTaLibDriftTolerance) {
      c.push_back({QString::fromLatin1(function), QString::fromLatin1(plugin), QString::fromLatin1(params),
                   {{QString::fromLatin1(function) + QStringLiteral(".Real"), QString::fromLatin1(ours),
                     std::move(reference), taLib}}});
    };
    exact("STDDEV_5_1.0", "stddev", "{window: 5, nb_dev: 1.0, form: stddev}", "stddev",
          [](const Bars& bars) { return exactSpread(bars, 5, true); }, kTaLibLongDriftTolerance);
    exact("VAR_5_1.0", "stddev", "{window: 5, form: var}", "var",
          [](const Bars& bars) { return exactSpread(bars, 5, false); }, kTaLibLongDriftTolerance);
    for (const auto& [function, form, reference] :
         {std::tuple{"LINEARREG_14", "linearreg", "value"}, {"LINEARREG_SLOPE_14", "linearreg_slope", "slope"},
          {"LINEARREG_INTERCEPT_14", "linearreg_intercept", "intercept"},
          {"LINEARREG_ANGLE_14", "linearreg_angle", "angle"}, {"TSF_14", "tsf", "tsf"}}) {
      const QByteArray params = QByteArray("{window: 14, form: ") + form + "}";
      exact(function, "linearreg", params.constData(), form,
            [reference = QString::fromLatin1(reference)](const Bars& bars) {
              return exactRegression(bars, 14, reference);
            });
    }
    exact("CORREL_30", "correl", "{window: 30, pairs: [[high, low]]}", "high_low_correl",
          [](const Bars& bars) { return exactCorrelation(bars, 30); }, kTaLibLongDriftTolerance);
    exact("BETA_5", "beta", "{window: 5, pairs: [[high, low]]}", "high_low_beta",
          [](const Bars& bars) { return exactBeta(bars, 5); });
    return c;
  }();
  return cases;
}

struct SeriesSource {
  QString name;
  QString bars;    // a CSV of bars, gzipped when it ends in .gz
  QString golden;  // TA-Lib's outputs, gzipped CSV
};

const std::vector<SeriesSource>& seriesSources() {
  static const std::vector<SeriesSource> sources = {
      {QStringLiteral("spx"), QStringLiteral(STRATA_RESOURCES_DIR "/data/SPX.csv"),
       QStringLiteral(STRATA_GOLDEN_DIR "/talib_spx.csv.gz")},
      {QStringLiteral("aapl"), QStringLiteral(STRATA_RESOURCES_DIR "/data/AAPL.csv"),
       QStringLiteral(STRATA_GOLDEN_DIR "/talib_aapl.csv.gz")},
      {QStringLiteral("syn20"), QStringLiteral(STRATA_GOLDEN_DIR "/syn1m_20k.csv.gz"),
       QStringLiteral(STRATA_GOLDEN_DIR "/talib_syn20.csv.gz")},
  };
  return sources;
}

// The whole decompressed content of a gzip file; nullopt with `error` when it cannot be read.
std::optional<QByteArray> gunzip(const QString& path, QString* error) {
  gzFile file = gzopen(QFile::encodeName(path).constData(), "rb");
  if (!file) {
    *error = path + QStringLiteral(": cannot open");
    return std::nullopt;
  }
  QByteArray text;
  char buffer[1 << 16];
  int got = 0;
  while ((got = gzread(file, buffer, sizeof buffer)) > 0) text.append(buffer, got);
  int code = Z_OK;
  const char* message = gzerror(file, &code);
  gzclose(file);
  if (got < 0 || (code != Z_OK && code != Z_STREAM_END)) {
    *error = path + QStringLiteral(": not readable gzip: ") + QString::fromUtf8(message);
    return std::nullopt;
  }
  return text;
}

// TA-Lib's table: timestamps and one column per output, empty fields NaN.
struct GoldenTable {
  std::vector<Timestamp> timestamps;
  std::map<QString, Values> columns;
};

std::optional<GoldenTable> parseGolden(const QByteArray& text, const QString& path,
                                       QString* error) {
  const QList<QByteArray> lines = text.split('\n');
  const QList<QByteArray> header = lines.value(0).trimmed().split(',');
  if (header.size() < 2 || header[0] != "timestamp") {
    *error = path + QStringLiteral(":1: expected a header starting with 'timestamp'");
    return std::nullopt;
  }
  std::vector<Values> values(static_cast<std::size_t>(header.size() - 1));
  GoldenTable table;
  for (qsizetype l = 1; l < lines.size(); ++l) {
    const QByteArray line = lines[l].trimmed();
    if (line.isEmpty()) continue;
    const QList<QByteArray> fields = line.split(',');
    const auto where = QStringLiteral("%1:%2: ").arg(path).arg(l + 1);
    if (fields.size() != header.size()) {
      *error = where +
               QStringLiteral("%1 fields, the header has %2").arg(fields.size()).arg(header.size());
      return std::nullopt;
    }
    const std::optional<Timestamp> t =
        parseIsoUtc(std::string_view(fields[0].constData(), std::size_t(fields[0].size())));
    if (!t) {
      *error = where + QStringLiteral("bad timestamp '%1'").arg(QString::fromUtf8(fields[0]));
      return std::nullopt;
    }
    table.timestamps.push_back(*t);
    for (qsizetype c = 1; c < fields.size(); ++c) {
      double v = kNaN;
      const QByteArray& f = fields[c];
      if (!f.isEmpty() &&
          std::from_chars(f.constData(), f.constData() + f.size(), v).ec != std::errc()) {
        *error = where + QStringLiteral("bad number '%1' in %2")
                             .arg(QString::fromUtf8(f), QString::fromUtf8(header[c]));
        return std::nullopt;
      }
      values[static_cast<std::size_t>(c - 1)].push_back(v);
    }
  }
  for (qsizetype c = 1; c < header.size(); ++c)
    table.columns[QString::fromUtf8(header[c])] =
        std::move(values[static_cast<std::size_t>(c - 1)]);
  return table;
}

struct LoadedSeries {
  Bars bars;
  GoldenTable golden;
  QString error;
};

LoadedSeries loadSeries(const SeriesSource& source) {
  LoadedSeries loaded;
  std::optional<QByteArray> golden = gunzip(source.golden, &loaded.error);
  if (!golden) return loaded;
  std::optional<GoldenTable> table = parseGolden(*golden, source.golden, &loaded.error);
  if (!table) return loaded;
  loaded.golden = std::move(*table);
  QString barsPath = source.bars;
  QTemporaryDir scratch;
  if (barsPath.endsWith(QLatin1String(".gz"))) {  // readBarsCsv reads files: decompress it first
    std::optional<QByteArray> text = gunzip(barsPath, &loaded.error);
    if (!text) return loaded;
    barsPath = scratch.filePath(QStringLiteral("bars.csv"));
    QFile file(barsPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(*text) != text->size()) {
      loaded.error = barsPath + QStringLiteral(": cannot write the decompressed bars");
      return loaded;
    }
  }
  CsvReadResult bars = readBarsCsv(barsPath);
  if (!bars.bars || !bars.problems.isEmpty()) {
    loaded.error = source.bars + QStringLiteral(": ") + bars.problems.join(QStringLiteral("; "));
    return loaded;
  }
  loaded.bars = std::move(*bars.bars);
  if (loaded.bars.timestamps != loaded.golden.timestamps)
    loaded.error = QStringLiteral("%1 (%2 bars) and %3 (%4 rows) are not the same bars")
                       .arg(source.bars)
                       .arg(loaded.bars.size())
                       .arg(source.golden)
                       .arg(loaded.golden.timestamps.size());
  return loaded;
}

double meanMagnitude(const Values& column) {
  double sum = 0;
  std::size_t count = 0;
  for (double v : column)
    if (std::isfinite(v)) sum += std::abs(v), ++count;
  return count ? sum / static_cast<double>(count) : 0.0;
}

// Every row of `got` against `expected`: "" when they agree, else the count of differing rows
// and the first one, both values and the tolerance. Also the largest error seen, relative to
// the scale.
struct Comparison {
  QString failure;
  double worst = 0;
};

Comparison compareColumns(const Values& got, const Values& expected, double relative,
                          const std::vector<Timestamp>& times, const QString& what) {
  Comparison result;
  const double typical = meanMagnitude(expected);
  std::size_t bad = 0, first = 0;
  QString firstText;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const double a = got[i], b = expected[i];
    const double scale = std::max({std::abs(a), std::abs(b), typical});
    const bool defined = !std::isnan(a) && !std::isnan(b);
    const bool same =
        defined ? std::abs(a - b) <= relative * scale : std::isnan(a) == std::isnan(b);
    if (defined && scale > 0) result.worst = std::max(result.worst, std::abs(a - b) / scale);
    if (same) continue;
    if (bad++ == 0) {
      first = i;
      firstText = QStringLiteral("ours %1, %2 %3 (difference %4, tolerance %5)")
                      .arg(a, 0, 'g', 17)
                      .arg(what)
                      .arg(b, 0, 'g', 17)
                      .arg(std::abs(a - b), 0, 'g', 3)
                      .arg(relative * scale, 0, 'g', 3);
    }
  }
  if (bad)
    result.failure = QStringLiteral("%1 of %2 rows differ; first at row %3 (%4): %5")
                         .arg(bad)
                         .arg(expected.size())
                         .arg(first)
                         .arg(isoUtc(times[first]), firstText);
  return result;
}

}  // namespace

class TalibGoldenTest : public QObject {
  Q_OBJECT

  PluginRegistry registry_;
  std::map<int, LoadedSeries> series_;  // loaded on first use

  const LoadedSeries& series(int index) {
    auto it = series_.find(index);
    if (it == series_.end())
      it = series_.emplace(index, loadSeries(seriesSources()[std::size_t(index)])).first;
    return it->second;
  }

  // The plugin's raw output columns on `bars`, computed as generate computes a step.
  std::optional<FeatureSet> compute(const GoldenCase& c, const Bars& bars, QString* error) {
    const QString yaml =
        QStringLiteral("indicators:\n  - plugin: %1\n    params: %2\n").arg(c.plugin, c.params);
    std::vector<Diagnostic> problems;
    std::optional<PipelineConfig> config =
        PipelineConfig::fromYaml(yaml, QStringLiteral("golden.yaml"), &problems);
    std::optional<Pipeline> pipeline;
    if (config) pipeline = Pipeline::build(*config, registry_, &problems);
    if (!pipeline) {
      *error = problems.empty() ? QStringLiteral("pipeline refused") : problems.front().toString();
      return std::nullopt;
    }
    return pipeline->computeRaw(bars);
  }

 private slots:
  void initTestCase() { test::loadRealPlugins(registry_); }

  void matchesTaLib_data() {
    QTest::addColumn<int>("caseIndex");
    QTest::addColumn<int>("seriesIndex");
    for (std::size_t c = 0; c < goldenCases().size(); ++c)
      for (std::size_t s = 0; s < seriesSources().size(); ++s)
        QTest::newRow(
            qPrintable(goldenCases()[c].function + QLatin1Char(' ') + seriesSources()[s].name))
            << int(c) << int(s);
  }

  void matchesTaLib() {
    QFETCH(int, caseIndex);
    QFETCH(int, seriesIndex);
    const GoldenCase& c = goldenCases()[std::size_t(caseIndex)];
    const LoadedSeries& loaded = series(seriesIndex);
    QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
    QVERIFY2(registry_.find(c.plugin),
             qPrintable(QStringLiteral("plugin '%1' is not loaded").arg(c.plugin)));
    QString error;
    const std::optional<FeatureSet> features = compute(c, loaded.bars, &error);
    QVERIFY2(features, qPrintable(error));
    QStringList summary;
    for (const GoldenColumn& column : c.columns) {
      const auto golden = loaded.golden.columns.find(column.golden);
      QVERIFY2(golden != loaded.golden.columns.end(),
               qPrintable(QStringLiteral("TA-Lib's table has no column %1").arg(column.golden)));
      const qsizetype j = features->columns.indexOf(column.ours);
      QVERIFY2(j >= 0,
               qPrintable(QStringLiteral("the pipeline has no column %1: %2")
                              .arg(column.ours, features->columns.join(QStringLiteral(", ")))));
      const std::span<const double> values = features->matrix.column(j);
      const Values ours(values.begin(), values.end());
      const QString label = QStringLiteral("%1 (TA-Lib %2)").arg(column.ours, column.golden);
      if (column.exact) {
        const Values exact = column.exact(loaded.bars);
        const Comparison againstExact = compareColumns(
            ours, exact, kRelative, loaded.golden.timestamps, QStringLiteral("exact"));
        QVERIFY2(againstExact.failure.isEmpty(),
                 qPrintable(label + QStringLiteral(" against two-pass: ") + againstExact.failure));
        const Comparison taLib = compareColumns(ours, golden->second, column.taLibTolerance,
                                                loaded.golden.timestamps, QStringLiteral("TA-Lib"));
        QVERIFY2(taLib.failure.isEmpty(),
                 qPrintable(label + QStringLiteral(" against TA-Lib: ") + taLib.failure));
        summary << QStringLiteral("%1: %2 of two-pass, TA-Lib at %3")
                       .arg(column.ours)
                       .arg(againstExact.worst, 0, 'g', 2)
                       .arg(taLib.worst, 0, 'g', 2);
        continue;
      }
      const Comparison taLib = compareColumns(ours, golden->second, kRelative,
                                              loaded.golden.timestamps, QStringLiteral("TA-Lib"));
      QVERIFY2(taLib.failure.isEmpty(), qPrintable(label + QStringLiteral(": ") + taLib.failure));
      summary << QStringLiteral("%1: %2").arg(column.ours).arg(taLib.worst, 0, 'g', 2);
    }
    // The largest error relative to the scale, for the record (ctest --output-on-failure -V).
    qInfo("largest relative error: %s", qPrintable(summary.join(QStringLiteral("; "))));
  }
};

QTEST_GUILESS_MAIN(TalibGoldenTest)
#include "test_talib_golden.moc"

// strata-cli synth: seeded synthetic bars, for benchmarks and stress tests.
#include "cli_common.h"
#include "strata/csv_bars.h"
#include "strata/synthetic.h"
#include "strata/timeframe.h"

namespace strata::cli {
namespace {
// 190 years of 1m bars, 4.8 GB in memory: more is a typo, not a benchmark.
constexpr qint64 kMaxRows = 100'000'000;
}  // namespace

int runSynth(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Write seeded synthetic OHLCV bars as CSV (a random walk with volatility clustering, an "
      "intraday volume pattern, occasional gaps and zero-volume bars). Same seed, same file."));
  parser.addOptions({
      {QStringLiteral("rows"), QStringLiteral("Number of bars (default 525600: a year of 1m)."),
       QStringLiteral("N"), QStringLiteral("525600")},
      {QStringLiteral("seed"), QStringLiteral("Random seed (default 42)."), QStringLiteral("S"),
       QStringLiteral("42")},
      {QStringLiteral("timeframe"), QStringLiteral("Bar size (default 1m)."), QStringLiteral("TF"),
       QStringLiteral("1m")},
      {QStringLiteral("out"), QStringLiteral("Output CSV path (required)."), QStringLiteral("PATH")},
  });
  int code = kOk;
  if (!parseCommand(parser, args, &code)) return code;
  SyntheticSpec spec;
  bool rowsOk = false, seedOk = false;
  spec.rows = parser.value(QStringLiteral("rows")).toLongLong(&rowsOk);
  spec.seed = parser.value(QStringLiteral("seed")).toULongLong(&seedOk);
  const auto tf = Timeframe::parse(parser.value(QStringLiteral("timeframe")));
  if (!rowsOk || spec.rows < 1 || spec.rows > kMaxRows || !seedOk || !tf ||
      !parser.isSet(QStringLiteral("out"))) {
    err() << "strata-cli synth: needs --out PATH, --rows from 1 to " << kMaxRows
          << ", a whole-number --seed and a valid --timeframe\n";
    return kUsage;
  }
  spec.timeframe = *tf;
  const Bars bars = synthesizeBars(spec);

  const QString out = parser.value(QStringLiteral("out"));
  if (const QString problem = writeBarsCsv(bars, out); !problem.isEmpty()) {
    err() << "error: " << problem << '\n';
    return kFailure;
  }
  err() << "wrote " << bars.size() << " bars to " << out << '\n';
  return kOk;
}

}  // namespace strata::cli

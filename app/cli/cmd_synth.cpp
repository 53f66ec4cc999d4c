// strata-cli synth: seeded synthetic bars, for benchmarks and stress tests.
#include "cli_common.h"
#include "strata/synthetic.h"
#include "strata/time_format.h"

#include <QSaveFile>

#include <charconv>
#include <string>

namespace strata::cli {

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
  if (!rowsOk || spec.rows < 1 || !seedOk || !tf || !parser.isSet(QStringLiteral("out"))) {
    err() << "strata-cli synth: needs --out PATH, --rows >= 1, a whole-number --seed and a "
             "valid --timeframe\n";
    return kUsage;
  }
  spec.timeframe = *tf;
  const Bars bars = synthesizeBars(spec);

  QSaveFile file(parser.value(QStringLiteral("out")));
  if (!file.open(QIODevice::WriteOnly)) {
    err() << "error: " << file.fileName() << ": " << file.errorString() << '\n';
    return kFailure;
  }
  std::string buffer = "timestamp,open,high,low,close,volume\n";
  char num[40];
  for (Eigen::Index i = 0; i < bars.size(); ++i) {
    buffer.append(num, static_cast<std::size_t>(formatIsoUtc(bars.timestamps[i], num)));
    for (double v : {bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]}) {
      buffer += ',';
      buffer.append(num, std::to_chars(num, num + sizeof num, v).ptr);
    }
    buffer += '\n';
    if (buffer.size() > (1u << 20) || i + 1 == bars.size()) {
      file.write(buffer.data(), static_cast<qint64>(buffer.size()));
      buffer.clear();
    }
  }
  if (!file.commit()) {
    err() << "error: " << file.fileName() << ": " << file.errorString() << '\n';
    return kFailure;
  }
  err() << "wrote " << bars.size() << " bars to " << file.fileName() << '\n';
  return kOk;
}

}  // namespace strata::cli

// strata-cli generate --timeframes ... : the FeatureEngineer path (several timeframes, lookback,
// aligned matrix, any data source, the feature cache).
#include "generate_timeframes.h"

#include "cache_cli.h"
#include "cli_common.h"
#include "data_source_cli.h"
#include "export_cli.h"
#include "strata/feature_engineer.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <unistd.h>

#include <algorithm>
#include <mutex>

namespace strata::cli {
namespace {

// "out.csv" + 1h -> "out_1h.csv"
QString timeframePath(const QString& path, const Timeframe& tf) {
  const QFileInfo info(path);
  const QString suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
  const QString stem = path.chopped(suffix.size());
  return stem + QLatin1Char('_') + tf.name() + suffix;
}

// One line per timeframe on a terminal, rewritten in place (at most every 100 ms, and on every
// change of stage); nothing when stderr is not a terminal.
class ProgressLines {
 public:
  explicit ProgressLines(const std::vector<Timeframe>& timeframes) : timeframes_(timeframes), lines_(timeframes.size()) {
    for (std::size_t i = 0; i < lines_.size(); ++i) lines_[i] = timeframes[i].name() + QStringLiteral(": queued");
    timer_.start();
    std::fprintf(stderr, "%s", qPrintable(render(false)));
  }
  void update(const JobProgress& p) {
    std::lock_guard lock(mutex_);
    QString text = p.timeframe.name() + QStringLiteral(": ") + jobStageName(p.stage);
    if (p.stage == JobStage::Computing && p.total > 0)
      text += QStringLiteral(" %1% (%2/%3 columns)").arg(p.done * 100 / p.total).arg(p.done).arg(p.total);
    bool stageChanged = false;
    for (std::size_t i = 0; i < timeframes_.size(); ++i)
      if (timeframes_[i] == p.timeframe) {
        stageChanged = !lines_[i].startsWith(p.timeframe.name() + QStringLiteral(": ") + jobStageName(p.stage));
        lines_[i] = text;
      }
    if (!stageChanged && timer_.elapsed() < 100) return;
    timer_.restart();
    std::fprintf(stderr, "%s", qPrintable(render(true)));
  }

 private:
  QString render(bool overwrite) const {
    QString s = overwrite ? QStringLiteral("\x1b[%1A").arg(lines_.size()) : QString();
    for (const QString& line : lines_) s += QStringLiteral("\r\x1b[2K") + line + QLatin1Char('\n');
    return s;
  }
  std::vector<Timeframe> timeframes_;
  std::vector<QString> lines_;
  QElapsedTimer timer_;
  std::mutex mutex_;
};

// Writes through the export module (CSV or Parquet, with provenance); the exit code.
int write(const FeatureSet& features, const QString& path, const QString& what,
          const GenerateTimeframesJob& job, const QStringList& timeframes, const BarsFingerprint& input,
          const QString& source) {
  ExportProvenance provenance = makeProvenance(*job.pipeline, Bars(), job.symbol, timeframes, !job.raw, source);
  provenance.dataFingerprint = input.toString();
  if (const int code = exportFeatures(features, path, job.exportOptions, provenance, job.cancel); code != kOk)
    return code;
  err() << "wrote " << path << ": " << what << ", " << features.matrix.rows() << " rows x "
        << features.matrix.cols() << " features + target\n";
  return kOk;
}

}  // namespace

int generateTimeframes(const QCommandLineParser& parser, const GenerateTimeframesJob& job) {
  if (parser.isSet(QStringLiteral("data")) || parser.isSet(QStringLiteral("timeframe"))) {
    err() << "strata-cli generate: --timeframes/--lookback-days/--aligned read from the data source "
             "(--settings, --data-dir); use --timeframe with --data FILE\n";
    return kUsage;
  }
  std::vector<Timeframe> timeframes;
  const QString list = parser.isSet(QStringLiteral("timeframes")) ? parser.value(QStringLiteral("timeframes")) : QStringLiteral("1d");
  for (const QString& name : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const auto tf = Timeframe::parse(name);
    if (!tf) {
      err() << "strata-cli generate: unknown timeframe '" << name << "' in --timeframes (use 1m 5m 15m 30m 1h 4h 1d 1w)\n";
      return kUsage;
    }
    if (std::find(timeframes.begin(), timeframes.end(), *tf) != timeframes.end()) {
      err() << "strata-cli generate: timeframe " << tf->name() << " is given twice\n";
      return kUsage;
    }
    timeframes.push_back(*tf);
  }
  bool lookbackOk = true;
  const int lookbackDays = parser.isSet(QStringLiteral("lookback-days")) ? parser.value(QStringLiteral("lookback-days")).toInt(&lookbackOk) : 0;
  if (timeframes.empty() || !lookbackOk || lookbackDays < 0) {
    err() << "strata-cli generate: --timeframes needs at least one timeframe and --lookback-days a whole number >= 0\n";
    return kUsage;
  }

  int code = kOk;
  const std::shared_ptr<DataSource> source = dataSourceFrom(parser, &code);
  if (!source) return code;
  const QString& symbol = job.symbol;
  try {
    if (!source->symbolInfo(symbol)) {
      err() << "error: no data for symbol '" << symbol << "' in " << source->describe() << '\n';
      return kInvalidInput;
    }
  } catch (const DataError& e) {
    err() << "error: " << e.what() << '\n';
    return kInvalidInput;
  }
  std::shared_ptr<FeatureStore> store;
  if (!parser.isSet(QStringLiteral("no-cache")) && job.cache.enabled) {
    std::shared_ptr<FeatureCache> cache = makeCliCache(job.cache);
    announceCacheEvents(*cache);
    store = cache;
  }
  const FeatureEngineer engineer(source, *job.pipeline, store);

  GenerateOptions options;
  options.threads = job.threads;
  options.aligned = parser.isSet(QStringLiteral("aligned"));
  options.normalize = !job.raw;
  options.cancel = job.cancel;
  std::unique_ptr<ProgressLines> progress;
  if (isatty(STDERR_FILENO)) {
    progress = std::make_unique<ProgressLines>(timeframes);
    options.progress = [&progress](const JobProgress& p) { progress->update(p); };
  }
  QElapsedTimer timer;
  timer.start();
  const MultiTimeframeResult result = engineer.generateMultiTimeframeFeatures(symbol, timeframes, lookbackDays, options);
  progress.reset();
  for (const QString& w : result.warnings) err() << "warning: " << w << '\n';
  if (job.cancel && job.cancel->load()) {
    err() << "cancelled; nothing written\n";
    return kCancelled;
  }

  const QString out = parser.value(QStringLiteral("out"));
  const bool several = timeframes.size() > 1 || options.aligned;
  int failures = 0;
  for (const TimeframeResult& r : result.perTimeframe) {
    if (!r.features) {
      err() << "error: " << r.timeframe.name() << ": " << r.error << '\n';
      ++failures;
      continue;
    }
    const QString what = QStringLiteral("%1 (%2 in %3 ms)")
                             .arg(r.timeframe.name(), r.fromCache ? QStringLiteral("from the cache") : QStringLiteral("computed"))
                             .arg(r.millis);
    if (const int written = write(*r.features, several ? timeframePath(out, r.timeframe) : out, what, job,
                               {r.timeframe.name()}, r.input, source->describe());
        written != kOk)
      return written;
  }
  if (options.aligned) {
    if (!result.aligned) {
      err() << "error: aligned matrix: " << result.alignedError << '\n';
      ++failures;
    } else {
      QStringList names;
      for (const Timeframe& tf : timeframes) names << tf.name();
      const QString what = QStringLiteral("aligned on %1").arg(std::min_element(timeframes.begin(), timeframes.end())->name());
      if (const int written = write(*result.aligned, out, what, job, names, result.alignedInput, source->describe()); written != kOk)
        return written;
    }
  }
  err() << "done in " << timer.elapsed() << " ms\n";
  err().flush();
  return failures ? kFailure : kOk;
}

}  // namespace strata::cli

// strata-cli generate: FeatureEngineer over the data source, for one timeframe or several, with
// the source's validation and bad_rows policy and the feature cache, whatever the options.
#include "generate_run.h"

#include "cache_cli.h"
#include "cancel_signals.h"
#include "cli_common.h"
#include "strata/cancel_scope.h"
#include "strata/feature_engineer.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>

#include <unistd.h>

#include <algorithm>
#include <mutex>

namespace strata::cli {
namespace {

// The data source's warnings shown (rows dropped or repaired); a messy file can have millions.
constexpr qsizetype kWarningsShown = 20;

// "out.csv" + 1h -> "out_1h.csv"
QString timeframePath(const QString& path, const Timeframe& tf) {
  const QFileInfo info(path);
  const QString suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
  const QString stem = path.chopped(suffix.size());
  return stem + QLatin1Char('_') + tf.name() + suffix;
}

// "1d: waiting for another process computing ...": a line of its own, kept.
QString noteLine(const JobProgress& p) { return p.timeframe.name() + QStringLiteral(": ") + p.note; }

void printNote(const JobProgress& p) {
  static std::mutex stderrMutex;  // notes come from the timeframes' threads
  std::lock_guard lock(stderrMutex);
  err() << noteLine(p) << '\n';
  err().flush();
}

// One line per timeframe on a terminal, rewritten in place (at most every 100 ms, and on every
// change of stage), notes kept above them; when stderr is not a terminal, only the notes.
class ProgressLines {
 public:
  explicit ProgressLines(const std::vector<Timeframe>& timeframes)
      : timeframes_(timeframes), lines_(timeframes.size()) {
    for (std::size_t i = 0; i < lines_.size(); ++i)
      lines_[i] = timeframes[i].name() + QStringLiteral(": queued");
    timer_.start();
    std::fprintf(stderr, "%s", qPrintable(render(false)));
  }
  void update(const JobProgress& p) {
    std::lock_guard lock(mutex_);
    QString text = p.timeframe.name() + QStringLiteral(": ") + jobStageName(p.stage);
    if (p.stage == JobStage::Computing && p.total > 0)
      text += QStringLiteral(" %1% (%2/%3 columns)")
                  .arg(p.done * 100 / p.total)
                  .arg(p.done)
                  .arg(p.total);
    bool stageChanged = false;
    for (std::size_t i = 0; i < timeframes_.size(); ++i)
      if (timeframes_[i] == p.timeframe) {
        stageChanged = !lines_[i].startsWith(p.timeframe.name() + QStringLiteral(": ") +
                                             jobStageName(p.stage));
        lines_[i] = text;
      }
    if (!p.note.isEmpty()) {  // over the block's first line, the block drawn again below it
      timer_.restart();
      std::fprintf(stderr, "%s", qPrintable(QStringLiteral("\x1b[%1A\r\x1b[2K").arg(lines_.size()) + noteLine(p) +
                                            QLatin1Char('\n') + render(false)));
      return;
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

void printReport(const FeatureSet& features, bool full) {
  if (full) {
    err() << features.report.toText();
    return;
  }
  const QStringList inf = features.report.infColumns();
  const QStringList constant = features.report.constantColumns();
  if (!inf.isEmpty() || !constant.isEmpty())
    err() << inf.size() << " columns held +-inf, " << constant.size()
          << " columns are constant; --report lists them\n";
}

// One file generate writes: a timeframe's matrix or the aligned one (null before computing).
struct Output {
  QString path;
  const FeatureSet* features = nullptr;
  QString what;
  QStringList timeframes;
  BarsFingerprint input;
};

// The files the job writes, in order: PATH_<tf> per timeframe when several or aligned, then PATH
// (the one timeframe's matrix, or the aligned one).
std::vector<Output> plannedOutputs(const GenerateJob& job,
                                   const std::vector<Timeframe>& timeframes) {
  const bool several = timeframes.size() > 1 || job.aligned;
  std::vector<Output> outputs;
  const auto planned = [&outputs](const QString& path) {
    outputs.push_back({path, nullptr, {}, {}, {}});
  };
  for (const Timeframe& tf : timeframes)
    if (several) planned(timeframePath(job.out, tf));
  if (!several || job.aligned) planned(job.out);
  return outputs;
}

// Prints every reason the files cannot be written (exportProblems() for each with its matrix,
// only the destination before the matrices exist; two names of one file); true when none.
bool writable(const std::vector<Output>& outputs, const ExportOptions& options) {
  QStringList problems;
  QHash<QString, QString> pathOfTarget;
  for (const Output& output : outputs) {
    if (output.features) problems << exportProblems(*output.features, output.path, options);
    try {
      const QString target = exportTarget(output.path);
      if (pathOfTarget.contains(target))
        problems << QStringLiteral("%1 and %2 are the same file (%3)")
                        .arg(pathOfTarget.value(target), output.path, target);
      pathOfTarget.insert(target, output.path);
    } catch (const ExportError& e) {
      if (!output.features) problems << QString::fromUtf8(e.what());  // else reported above
    }
  }
  for (const QString& problem : problems) err() << "error: " << problem << '\n';
  return problems.isEmpty();
}

void printWhatWasWritten(const QStringList& written, const QStringList& notWritten) {
  err() << (written.isEmpty() ? QStringLiteral("nothing written")
                              : QStringLiteral("written: ") + written.join(QStringLiteral(", ")))
        << '\n';
  if (!notWritten.isEmpty())
    err() << "not written: " << notWritten.join(QStringLiteral(", ")) << '\n';
}

// Writes through the export module (CSV or Parquet, with provenance); the exit code.
int write(const Output& output, const GenerateJob& job) {
  ExportProvenance provenance = makeProvenance(*job.pipeline, Bars(), job.symbol, output.timeframes,
                                               !job.raw, job.source->describe());
  provenance.dataFingerprint = output.input.toString();
  const FeatureSet& features = *output.features;
  if (const int code =
          exportFeatures(features, output.path, job.exportOptions, provenance, job.cancel);
      code != kOk)
    return code;
  err() << "wrote " << output.path << ": " << output.what << ", " << features.matrix.rows()
        << " rows x " << features.matrix.cols() << " features + target\n";
  printReport(features, job.report);
  return kOk;
}

// The symbol's stored bars, as the source describes them: the source parses and validates here,
// so a bad source fails the same on every path: bad data exit 3, a server that cannot be
// reached or stops answering exit 1 (*code), a cancel while waiting on it as cancelled.
std::optional<SymbolInfo> storedBars(const GenerateJob& job, int* code) {
  const CancelScope scope(job.cancel);
  *code = kInvalidInput;
  try {
    if (auto info = job.source->symbolInfo(job.symbol)) return info;
    err() << "error: no data for symbol '" << job.symbol << "' in " << job.source->describe()
          << '\n';
  } catch (const SourceFailure& e) {
    if (job.cancel && job.cancel->load()) {
      err() << "cancelled (" << cancelSignalName() << "); nothing written\n";
      *code = cancelledExitCode();
    } else {
      err() << "error: " << e.what() << '\n';
      *code = kFailure;
    }
  } catch (const DataError& e) {
    err() << "error: " << e.what() << '\n';
  }
  return std::nullopt;
}

void printWarnings(const QStringList& warnings) {
  for (qsizetype i = 0; i < std::min(warnings.size(), kWarningsShown); ++i)
    err() << "warning: " << warnings[i] << '\n';
  if (warnings.size() > kWarningsShown)
    err() << "warning: ... and " << warnings.size() - kWarningsShown << " more warnings\n";
}

std::shared_ptr<FeatureStore> cacheFor(const GenerateJob& job) {
  if (!job.cache) return nullptr;
  std::shared_ptr<FeatureCache> cache = makeCliCache(*job.cache);
  announceCacheEvents(*cache);
  return cache;
}

// Checks every file that can be written, then writes them (the timeframes that succeeded and
// the aligned matrix); on a failure or cancel says which were written and which not. The exit
// code.
int writeAll(const GenerateJob& job, const std::vector<Timeframe>& timeframes,
             const MultiTimeframeResult& result) {
  const bool several = timeframes.size() > 1 || job.aligned;
  std::vector<Output> outputs;
  QStringList failed;  // the files whose matrix could not be made
  int dataFailures = 0;
  for (const TimeframeResult& r : result.perTimeframe) {
    const QString path = several ? timeframePath(job.out, r.timeframe) : job.out;
    if (!r.features) {
      err() << "error: " << r.timeframe.name() << ": " << r.error << '\n';
      failed << path;
      dataFailures += r.dataError;
      continue;
    }
    const QString what = QStringLiteral("%1 (%2 in %3 ms)")
                             .arg(r.timeframe.name(), r.fromCache ? QStringLiteral("from the cache")
                                                                  : QStringLiteral("computed"))
                             .arg(r.millis);
    outputs.push_back({path, r.features.get(), what, {r.timeframe.name()}, r.input});
  }
  if (job.aligned) {
    if (!result.aligned) {
      err() << "error: aligned matrix: " << result.alignedError << '\n';
      failed << job.out;
    } else {
      QStringList names;
      for (const Timeframe& tf : timeframes) names << tf.name();
      const QString what = QStringLiteral("aligned on %1")
                               .arg(std::min_element(timeframes.begin(), timeframes.end())->name());
      outputs.push_back({job.out, result.aligned.get(), what, names, result.alignedInput});
    }
  }
  if (!writable(outputs, job.exportOptions)) {
    err() << "nothing written: every file is checked before the first is written\n";
    return kUsage;
  }
  QStringList written;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (const int code = write(outputs[i], job); code != kOk) {
      if (job.cancel && job.cancel->load())
        err() << "\ncancelled (" << cancelSignalName() << ") at " << outputs[i].path
              << "; its temporary is removed\n";
      QStringList notWritten = failed;
      for (std::size_t k = i; k < outputs.size(); ++k) notWritten << outputs[k].path;
      printWhatWasWritten(written, notWritten);
      return code;
    }
    written << outputs[i].path;
  }
  if (!failed.isEmpty() && several) printWhatWasWritten(written, failed);
  // Nothing written because the data cannot give any timeframe asked for (1m from daily bars).
  if (dataFailures == static_cast<int>(timeframes.size())) return kInvalidInput;
  return failed.isEmpty() ? kOk : kFailure;
}

}  // namespace

int generate(const GenerateJob& job) {
  int code = kOk;
  const std::optional<SymbolInfo> info = storedBars(job, &code);
  if (!info) return code;
  std::vector<Timeframe> timeframes = job.timeframes;
  if (timeframes.empty() && !info->nativeTimeframe) {
    err() << "error: '" << job.symbol << "' in " << job.source->describe()
          << " has one bar, so its timeframe cannot be told; give --timeframe\n";
    return kInvalidInput;
  }
  if (timeframes.empty()) timeframes.push_back(*info->nativeTimeframe);
  // A destination that cannot be written is refused before the work, not after it.
  if (!writable(plannedOutputs(job, timeframes), job.exportOptions)) return kUsage;
  const FeatureEngineer engineer(job.source, *job.pipeline, cacheFor(job));

  GenerateOptions options;
  options.threads = job.threads;
  options.aligned = job.aligned;
  options.normalize = !job.raw;
  options.cancel = job.cancel;
  std::unique_ptr<ProgressLines> progress;
  if (isatty(STDERR_FILENO)) progress = std::make_unique<ProgressLines>(timeframes);
  options.progress = [&progress](const JobProgress& p) {
    if (progress) progress->update(p);
    else if (!p.note.isEmpty()) printNote(p);
  };
  QElapsedTimer timer;
  timer.start();
  const MultiTimeframeResult result =
      engineer.generateMultiTimeframeFeatures(job.symbol, timeframes, job.lookbackDays, options);
  progress.reset();
  printWarnings(result.warnings);
  if (job.cancel && job.cancel->load()) {
    err() << "cancelled (" << cancelSignalName() << "); nothing written\n";
    return cancelledExitCode();
  }
  if (job.recorded && result.perTimeframe.front().features)
    warnOnDifferentBars(*job.recorded, result.perTimeframe.front().input);

  code = writeAll(job, timeframes, result);
  if (code == kOk && (!job.cancel || !job.cancel->load())) err() << "done in " << timer.elapsed() << " ms\n";
  err().flush();
  return code;
}

}  // namespace strata::cli

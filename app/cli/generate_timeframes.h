#pragma once
// strata-cli generate with --timeframes, --lookback-days or --aligned: FeatureEngineer over the
// data source of --settings/--data-dir. One CSV per timeframe (PATH with _<tf> before the
// extension) when several are asked for or --aligned, and the aligned matrix in PATH itself.
#include "strata/app_settings.h"
#include "strata/export.h"
#include "strata/pipeline.h"

#include <QCommandLineParser>

#include <atomic>

namespace strata::cli {

struct GenerateTimeframesJob {
  const Pipeline* pipeline = nullptr;
  QString symbol;
  bool raw = false;
  CacheSettings cache;
  ExportOptions exportOptions;  // for every file written (format from --out's extension)
  int threads = 0;
  const std::atomic_bool* cancel = nullptr;
};

int generateTimeframes(const QCommandLineParser& parser, const GenerateTimeframesJob& job);

}  // namespace strata::cli

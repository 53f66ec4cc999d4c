#include "data_source_cli.h"

#include "cli_common.h"
#include "strata/app_settings.h"
#include "strata/csv_directory_source.h"
#include "strata/data_sources.h"

namespace strata::cli {

void addDataSourceOptions(QCommandLineParser& parser) {
  parser.addOption({QStringLiteral("settings"),
                    QStringLiteral("Workbench settings YAML; its data: section picks the source "
                                   "(csv or postgres) and the bad_rows policy (reject, drop, "
                                   "repair). Default: the bundled CSV data."),
                    QStringLiteral("FILE")});
  parser.addOption({QStringLiteral("data-dir"),
                    QStringLiteral("Read <SYMBOL>.csv (and <SYMBOL>_<timeframe>.csv) files from DIR "
                                   "instead (default: the bundled data)."),
                    QStringLiteral("DIR")});
}

std::shared_ptr<DataSource> dataSourceFrom(const QCommandLineParser& parser, int* code) {
  DataSettings settings;
  if (parser.isSet(QStringLiteral("settings"))) {
    std::vector<Diagnostic> problems;
    const auto loaded = AppSettings::fromFile(parser.value(QStringLiteral("settings")), &problems);
    if (!loaded) {
      for (const Diagnostic& d : problems) err() << "error: " << d.toString() << '\n';
      *code = kInvalidInput;
      return nullptr;
    }
    settings = loaded->data;
  }
  // optionNames(): the options given; generate has --data, other commands do not.
  if (parser.optionNames().contains(QStringLiteral("data")))
    return CsvDirectorySource::singleFile(parser.value(QStringLiteral("data")), settings.badRows);
  if (parser.isSet(QStringLiteral("data-dir"))) {
    settings.source = QStringLiteral("csv");
    settings.csvDir = parser.value(QStringLiteral("data-dir"));
  }
  if (settings.source == u"csv") settings.csvDir = dataDirectory(settings.csvDir);
  QString error;
  std::shared_ptr<DataSource> source = makeDataSource(settings, &error);
  if (!source) {
    err() << "error: " << error << '\n';
    *code = kInvalidInput;
  }
  return source;
}

int exitCodeFor(const DataError& error) {
  return dynamic_cast<const SourceFailure*>(&error) ? kFailure : kInvalidInput;
}

}  // namespace strata::cli

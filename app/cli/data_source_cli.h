#pragma once
// The data source strata-cli commands read bars from: the data: section of --settings (csv or
// postgres, via makeDataSource), with --data-dir overriding it by a CSV directory and (generate)
// --data FILE by one CSV file; the settings' bad_rows policy applies to either.
#include "strata/data_source.h"

#include <QCommandLineParser>

#include <memory>

namespace strata::cli {

/// Adds --settings FILE and --data-dir DIR (generate has both already).
void addDataSourceOptions(QCommandLineParser& parser);

/// The exit code of a source's error: kFailure when its server failed (SourceFailure), else
/// kInvalidInput (the data itself was refused).
int exitCodeFor(const DataError& error);

/// The source, or null after printing why (with *code set to kInvalidInput).
std::shared_ptr<DataSource> dataSourceFrom(const QCommandLineParser& parser, int* code);

}  // namespace strata::cli

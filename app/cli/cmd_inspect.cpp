// strata-cli inspect: what a Parquet file holds and how it was made (schema, row groups with
// statistics, Strata's provenance metadata), read by Strata's own footer reader.
#include "cli_common.h"
#include "strata/export.h"
#include "strata/parquet_footer.h"

namespace strata::cli {

int runInspect(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Print the schema, row groups and key-value metadata (pipeline YAML, plugins, "
      "normalisation, data fingerprint) of a Parquet file."));
  parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The .parquet file."));
  parser.addOptions({
      {QStringLiteral("stats"), QStringLiteral("Also print every column chunk's statistics.")},
  });
  int code = kOk;
  if (!parseCommand(parser, args, &code)) return code;
  if (parser.positionalArguments().size() != 1) {
    err() << "strata-cli inspect: give one FILE\n";
    return kUsage;
  }
  ParquetFileInfo info;
  try {
    info = readParquetFooter(parser.positionalArguments().front());
  } catch (const ExportError& e) {
    err() << "error: " << e.what() << '\n';
    return kInvalidInput;
  }
  QTextStream& o = out();
  o << "file: " << parser.positionalArguments().front() << " (" << info.fileBytes << " bytes)\n"
    << "created by: " << info.createdBy << '\n'
    << "rows: " << info.rows << ", columns: " << info.columns.size()
    << ", row groups: " << info.rowGroups.size() << '\n';
  if (const std::optional<QString> precision = info.value(QStringLiteral("strata.precision")))
    o << "precision: " << *precision << '\n';
  o << "\nschema:\n";
  for (const ParquetColumnInfo& c : info.columns)
    o << "  " << c.name << ": " << c.physicalType << (c.logicalType.isEmpty() ? "" : " ")
      << c.logicalType << (c.optional ? " (nullable)" : "") << '\n';
  o << "\nrow groups:\n";
  for (std::size_t g = 0; g < info.rowGroups.size(); ++g) {
    const ParquetRowGroupInfo& group = info.rowGroups[g];
    o << "  " << g << ": " << group.rows << " rows, " << group.compressedBytes << " bytes"
      << (group.chunks.empty() ? QString() : QStringLiteral(", ") + group.chunks.front().codec) << '\n';
    if (!parser.isSet(QStringLiteral("stats"))) continue;
    for (std::size_t c = 0; c < group.chunks.size() && c < info.columns.size(); ++c) {
      const ParquetChunkInfo& chunk = group.chunks[c];
      o << "    " << info.columns[c].name << ": min " << (chunk.min.isEmpty() ? "-" : chunk.min)
        << ", max " << (chunk.max.isEmpty() ? "-" : chunk.max) << ", nulls "
        << (chunk.nullCount ? QString::number(*chunk.nullCount) : QStringLiteral("-")) << ", "
        << chunk.compressedBytes << "/" << chunk.uncompressedBytes << " bytes\n";
    }
  }
  o << "\nmetadata:\n";
  for (const auto& [key, value] : info.keyValues) {
    if (value.contains(QLatin1Char('\n'))) {
      o << "  " << key << ":\n";
      for (const QString& line : value.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) o << "    " << line << '\n';
    } else {
      o << "  " << key << ": " << (value.size() > 2000 ? value.left(2000) + QStringLiteral("...") : value) << '\n';
    }
  }
  o.flush();
  return kOk;
}

}  // namespace strata::cli

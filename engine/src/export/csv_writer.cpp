// CSV: header, ISO-8601 UTC timestamps, doubles (or floats) in shortest round-trip form, so a
// reader parsing them gets exactly the computed values. Blocks of rows are formatted on worker
// threads and written in order; the whole text never sits in memory.
#include "export_columns.h"
#include "atomic_file.h"
#include "export_writers.h"
#include "ordered_chunks.h"
#include "strata/time_format.h"

#include <charconv>
#include <cmath>
#include <string>

namespace strata {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{2} << 20;  // target text per block

template <class T>
void appendNumber(std::string& out, T v, const std::string& nanText) {
  if (std::isnan(v)) {
    out += nanText;
  } else if (std::isinf(v)) {
    out += v > 0 ? "inf" : "-inf";
  } else {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
  }
}

void appendQuoted(std::string& out, const QString& name, char delimiter) {
  const std::string text = name.toStdString();
  if (text.find_first_of(std::string("\"\r\n") + delimiter) == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

void writeCsv(const FeatureSet& features, const QString& path, const ExportOptions& options) {
  const ExportPlan plan = planExport(features, options);
  if (options.csvDelimiter == '"' || options.csvDelimiter == '\n' || options.csvDelimiter == '\r')
    throw ExportError("CSV delimiter cannot be a quote or a line break");
  AtomicFile file(path);
  const char sep = options.csvDelimiter;
  const std::string nanText = options.csvNanText.toStdString();

  std::string header;
  for (const ExportColumn& column : plan.columns) {
    if (!header.empty()) header += sep;
    appendQuoted(header, column.name, sep);
  }
  header += '\n';
  file.write(header);

  const qint64 cols = static_cast<qint64>(plan.columns.size());
  const qint64 blockRows = std::max<qint64>(1, static_cast<qint64>(kBlockBytes) / (cols * 20 + 30));
  const qint64 blocks = (plan.rows + blockRows - 1) / blockRows;
  const qint64 totalCells = plan.rows * cols;
  qint64 doneCells = 0;
  produceInOrder<std::string>(
      blocks, options.threads, options.cancel,
      [&](qint64 block) {
        const qint64 begin = block * blockRows, end = std::min(plan.rows, begin + blockRows);
        std::string text;
        text.reserve(kBlockBytes + kBlockBytes / 4);
        for (qint64 r = begin; r < end; ++r) {
          const auto row = static_cast<std::size_t>(r);
          for (const ExportColumn& column : plan.columns) {
            switch (column.kind) {
              case ColumnKind::Time: {
                char stamp[40];
                text.append(stamp, static_cast<std::size_t>(formatIsoUtc(plan.timestamps[row], stamp)));
                continue;  // first column: no separator before it
              }
              case ColumnKind::Float:
                text += sep;
                appendNumber(text, static_cast<float>(column.values[row]), nanText);
                break;
              case ColumnKind::Double:
              case ColumnKind::Int8:
                text += sep;
                appendNumber(text, column.values[row], nanText);
                break;
            }
          }
          text += '\n';
        }
        return text;
      },
      [&](std::string& text) {
        file.write(text);
        doneCells = std::min(totalCells, doneCells + blockRows * cols);
        if (options.progress) options.progress(doneCells, totalCells);
      });
  if (options.cancel && options.cancel->load()) throw ExportCancelled();
  file.commit();
}

}  // namespace strata

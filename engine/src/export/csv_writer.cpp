// CSV: header, ISO-8601 UTC timestamps, doubles (or floats) in shortest round-trip form, so a
// reader parsing them gets exactly the computed values. Blocks of rows are formatted on worker
// threads and written in order; the whole text never sits in memory.
#include "export_columns.h"
#include "atomic_file.h"
#include "export_writers.h"
#include "ordered_chunks.h"
#include "strata/time_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

namespace strata {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{2} << 20;  // target text per block
constexpr std::size_t kMaxNumber = 24;  // "-1.7976931348623157e+308"
constexpr std::size_t kMaxStamp = 27;   // formatIsoUtc

/// Writes v at p (room for kMaxNumber characters or the NaN text) and returns the end.
template <class T>
char* putNumber(char* p, T v, const std::string& nanText) {
  if (std::isnan(v)) return std::copy(nanText.begin(), nanText.end(), p);
  if (std::isinf(v)) return std::copy_n(v > 0 ? "inf" : "-inf", v > 0 ? 3 : 4, p);
  return std::to_chars(p, p + kMaxNumber, v).ptr;
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
        const auto n = static_cast<std::size_t>(end - begin), numeric = plan.columns.size() - 1;
        // Gather the block row-major first: reading the column-major matrix across a row
        // would touch one cache line (and page) per value.
        std::vector<double> rowMajor(n * numeric);
        for (std::size_t c = 0; c < numeric; ++c) {
          plan.columns[c + 1].visit([&](auto column) {  // a float widens exactly
            const auto values = column.subspan(static_cast<std::size_t>(begin), n);
            for (std::size_t r = 0; r < n; ++r) rowMajor[r * numeric + c] = values[r];
          });
        }
        // Formatted straight into a buffer sized for the longest text: no per-field append.
        const std::size_t field = std::max(kMaxNumber, nanText.size()) + 1;
        std::string text(n * (kMaxStamp + 1 + numeric * field), '\0');
        char* p = text.data();
        for (std::size_t r = 0; r < n; ++r) {
          p += formatIsoUtc(plan.timestamps[static_cast<std::size_t>(begin) + r], p);
          const double* row = rowMajor.data() + r * numeric;
          for (std::size_t c = 0; c < numeric; ++c) {
            *p++ = sep;
            p = plan.columns[c + 1].kind == ColumnKind::Float ? putNumber(p, static_cast<float>(row[c]), nanText)
                                                              : putNumber(p, row[c], nanText);
          }
          *p++ = '\n';
        }
        text.resize(static_cast<std::size_t>(p - text.data()));
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

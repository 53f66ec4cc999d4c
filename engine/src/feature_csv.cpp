#include "strata/feature_csv.h"

#include "strata/time_format.h"

#include <QSaveFile>

#include <charconv>
#include <cmath>
#include <string>

namespace strata {
namespace {

void appendDouble(std::string& out, double v, const std::string& nanText) {
  if (std::isnan(v)) {
    out += nanText;
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "inf" : "-inf";
    return;
  }
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
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

QString writeFeatureCsv(const FeatureSet& features, const QString& path,
                        const CsvWriteOptions& options) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
  const std::string nanText = options.nanText.toStdString();
  const char sep = options.delimiter;
  const bool withTarget = options.includeTarget && features.target.size() == features.matrix.rows();

  std::string buffer;
  buffer.reserve(std::size_t{1} << 20);
  buffer += "timestamp";
  for (const QString& c : features.columns) {
    buffer += sep;
    appendQuoted(buffer, c, sep);
  }
  if (withTarget) buffer += sep, buffer += "target";
  buffer += '\n';

  const Eigen::Index rows = features.matrix.rows(), cols = features.matrix.cols();
  const double* data = features.matrix.data();
  for (Eigen::Index r = 0; r < rows; ++r) {
    char stamp[40];
    buffer.append(stamp, static_cast<std::size_t>(
                             formatIsoUtc(features.timestamps[static_cast<std::size_t>(r)], stamp)));
    for (Eigen::Index c = 0; c < cols; ++c) {
      buffer += sep;
      appendDouble(buffer, data[c * rows + r], nanText);
    }
    if (withTarget) {
      buffer += sep;
      appendDouble(buffer, features.target[r], nanText);
    }
    buffer += '\n';
    if (buffer.size() > (std::size_t{1} << 20)) {
      if (file.write(buffer.data(), static_cast<qint64>(buffer.size())) !=
          static_cast<qint64>(buffer.size()))
        return QStringLiteral("%1: write failed: %2").arg(path, file.errorString());
      buffer.clear();
    }
  }
  if (file.write(buffer.data(), static_cast<qint64>(buffer.size())) !=
      static_cast<qint64>(buffer.size()))
    return QStringLiteral("%1: write failed: %2").arg(path, file.errorString());
  if (!file.commit()) return QStringLiteral("%1: cannot finish writing: %2").arg(path, file.errorString());
  return {};
}

}  // namespace strata

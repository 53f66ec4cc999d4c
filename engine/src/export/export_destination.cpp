// What an export may write to, and the checks every export runs before writing a byte (the CLI
// and the GUI call exportProblems() for every file first, so one bad file refuses them all).
#include "export_columns.h"
#include "strata/export.h"

#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>

namespace strata {
namespace {

// Linux's own bound on following links (ELOOP).
constexpr int kMaxLinkHops = 40;
// --csv-nan is written into every NaN field, and a block's buffer is sized for the longest field.
constexpr qsizetype kMaxNanTextBytes = 64;

ExportError destinationError(const QString& path, const QString& what) {
  return ExportError(QStringLiteral("%1: %2").arg(path, what).toStdString());
}

QString errnoText(int error) {
  return QString::fromLocal8Bit(std::strerror(error));
}

// Anything but a regular file is refused: renaming over it would replace a FIFO a reader waits
// on, a device (as root, /dev/null itself) or a socket with a plain file.
QString nonRegularKind(mode_t mode) {
  if (S_ISDIR(mode)) return QStringLiteral("a directory");
  if (S_ISFIFO(mode)) return QStringLiteral("a FIFO (named pipe)");
  if (S_ISCHR(mode)) return QStringLiteral("a character device");
  if (S_ISBLK(mode)) return QStringLiteral("a block device");
  if (S_ISSOCK(mode)) return QStringLiteral("a socket");
  return QStringLiteral("not a regular file");
}

// The absolute name a symbolic link at `link` points to (relative targets from its directory).
QString linkTarget(const QString& link) {
  char buffer[PATH_MAX];
  const ssize_t n = ::readlink(QFile::encodeName(link).constData(), buffer, sizeof buffer - 1);
  if (n < 0)
    throw destinationError(link, QStringLiteral("cannot read the link: %1").arg(errnoText(errno)));
  const QString target = QFile::decodeName(QByteArray(buffer, static_cast<qsizetype>(n)));
  return QDir::cleanPath(QDir(QFileInfo(link).absolutePath()).absoluteFilePath(target));
}

bool onlyNumberCharacters(const QString& text) {
  for (QChar c : text)
    if (!QStringLiteral(".+-eE").contains(c)) return false;
  return true;
}

}  // namespace

QString exportTarget(const QString& path) {
  if (path.isEmpty()) throw ExportError("no file name given (the path is empty)");
  if (path.endsWith(QLatin1Char('/')))
    throw destinationError(path, QStringLiteral("is %1").arg(nonRegularKind(S_IFDIR)));
  QString target = QFileInfo(path).absoluteFilePath();
  for (int hops = 0;; ++hops) {
    struct stat st {};
    if (::lstat(QFile::encodeName(target).constData(), &st) != 0) {
      if (errno == ENOENT) break;  // a new file (or a dangling link's target: created there)
      throw destinationError(path, errnoText(errno));
    }
    if (S_ISREG(st.st_mode)) break;
    if (!S_ISLNK(st.st_mode)) {
      const QString where = target == QFileInfo(path).absoluteFilePath()
                                ? QString()
                                : QStringLiteral(" (the link's target %1)").arg(target);
      throw destinationError(path, QStringLiteral("is %1%2, not a regular file; an export writes "
                                                  "only regular files")
                                       .arg(nonRegularKind(st.st_mode), where));
    }
    if (hops == kMaxLinkHops)
      throw destinationError(
          path, QStringLiteral("more than %1 symbolic links to follow").arg(kMaxLinkHops));
    target = linkTarget(target);
  }
  const QString dir = QFileInfo(target).absolutePath();
  if (!QFileInfo(dir).isDir())
    throw destinationError(path, QStringLiteral("directory %1 does not exist").arg(dir));
  if (::access(QFile::encodeName(dir).constData(), W_OK | X_OK) != 0)
    throw destinationError(
        path, QStringLiteral("cannot create a file in %1: %2").arg(dir, errnoText(errno)));
  return target;
}

QString csvOptionsProblem(char delimiter, const QString& nanText) {
  // Numbers are written as -1.5e-07, inf, -inf; timestamps as 2020-01-02T03:04:05.25Z; names are
  // quoted. A delimiter that can occur in those (or a quote, a line break) splits or joins fields.
  const auto d = static_cast<unsigned char>(delimiter);
  if (d != '\t' && (d < 0x20 || d > 0x7e))
    return QStringLiteral("the CSV delimiter must be a printable ASCII character or a tab");
  if (std::isalnum(d) || std::strchr(".+-:\"", d))
    return QStringLiteral(
               "the CSV delimiter '%1' is refused: letters, digits and . + - : \" occur "
               "inside numbers, timestamps or quoted names; use , ; | or a tab")
        .arg(QChar(d));
  if (nanText.isEmpty()) return {};
  const QString nan = QStringLiteral("the CSV NaN text '%1' ").arg(nanText);
  if (nanText.toUtf8().size() > kMaxNanTextBytes)
    return QStringLiteral("the CSV NaN text is longer than %1 bytes").arg(kMaxNanTextBytes);
  for (QChar c : nanText) {
    if (c == QLatin1Char(delimiter)) return nan + QStringLiteral("holds the delimiter");
    if (c == u'"') return nan + QStringLiteral("holds a quote");
    if (c.unicode() < 0x20 || c.unicode() == 0x7f)
      return nan + QStringLiteral("holds a line break or control character");
    if (c.isDigit()) return nan + QStringLiteral("holds a digit, so it reads as a number");
  }
  if (nanText.trimmed() != nanText) return nan + QStringLiteral("starts or ends with a space");
  if (onlyNumberCharacters(nanText))
    return nan + QStringLiteral("is made of number characters (. + - e)");
  QString word = nanText.toLower();
  if (word.startsWith(u'-') || word.startsWith(u'+')) word.remove(0, 1);
  if (word == u"inf" || word == u"infinity")
    return nan + QStringLiteral("reads as infinity (written as inf and -inf)");
  return {};
}

QStringList exportProblems(const FeatureSet& features, const QString& path,
                           const ExportOptions& options) {
  QStringList problems;
  try {
    exportTarget(path);
  } catch (const ExportError& e) {
    problems << QString::fromUtf8(e.what());
  }
  const auto about = [&path](const QString& what) {
    return QStringLiteral("%1: %2").arg(path, what);
  };
  if (options.format == ExportFormat::Csv)
    if (const QString problem = csvOptionsProblem(options.csvDelimiter, options.csvNanText);
        !problem.isEmpty())
      problems << about(problem);
  if (options.format == ExportFormat::Parquet && options.rowGroupRows < 1)
    problems << about(QStringLiteral("row group size must be at least 1 row"));
  for (const QString& pattern : selectColumns(features.columns, options.columns).unmatched)
    problems << about(unmatchedPatternMessage(pattern));
  return problems;
}

}  // namespace strata

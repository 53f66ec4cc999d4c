#include "atomic_file.h"

#include "strata/export.h"

#include <QDir>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace strata {
namespace {

mode_t currentUmask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

}  // namespace

AtomicFile::AtomicFile(const QString& path) : path_(path) {
  const QFileInfo info(path);
  if (info.isDir()) throw ExportError(QStringLiteral("%1: is a directory").arg(path).toStdString());
  const QString dir = info.absolutePath();
  if (!QFileInfo(dir).isDir())
    throw ExportError(QStringLiteral("%1: directory %2 does not exist").arg(path, dir).toStdString());
  tempPath_ = QDir(dir).filePath(QStringLiteral(".%1.XXXXXX").arg(info.fileName())).toStdString();
  fd_ = ::mkstemp(tempPath_.data());
  if (fd_ < 0) fail(QStringLiteral("cannot create a file in %1").arg(dir), errno);
  // mkstemp makes 0600; give the file the mode a plain create would, or the one it replaces.
  struct stat existing {};
  const mode_t mode = ::stat(info.absoluteFilePath().toLocal8Bit().constData(), &existing) == 0
                          ? existing.st_mode & 07777
                          : 0666 & ~currentUmask();
  ::fchmod(fd_, mode);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !tempPath_.empty()) ::unlink(tempPath_.c_str());
}

void AtomicFile::fail(const QString& what, int error) const {
  QString reason = QString::fromLocal8Bit(std::strerror(error));
  if (error == ENOSPC) reason = QStringLiteral("the disk is full (%1)").arg(reason);
  throw ExportError(QStringLiteral("%1: %2: %3").arg(path_, what, reason).toStdString());
}

void AtomicFile::write(const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd_, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(QStringLiteral("write failed after %1 bytes").arg(position_), errno);
    }
    p += n;
    size -= static_cast<std::size_t>(n);
    position_ += n;
  }
}

void AtomicFile::commit() {
  if (::fsync(fd_) != 0) fail(QStringLiteral("cannot flush to disk"), errno);
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) fail(QStringLiteral("cannot close"), errno);
  const QByteArray target = QFileInfo(path_).absoluteFilePath().toLocal8Bit();
  if (::rename(tempPath_.c_str(), target.constData()) != 0)
    fail(QStringLiteral("cannot rename the finished file into place"), errno);
  committed_ = true;
  // Make the rename itself durable.
  const int dirFd = ::open(QFileInfo(path_).absolutePath().toLocal8Bit().constData(), O_RDONLY | O_DIRECTORY);
  if (dirFd >= 0) {
    ::fsync(dirFd);
    ::close(dirFd);
  }
}

}  // namespace strata

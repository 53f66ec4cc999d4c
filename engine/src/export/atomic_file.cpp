#include "atomic_file.h"

#include "strata/export.h"

#include <QFile>
#include <QFileInfo>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <string_view>

namespace strata {
namespace {

mode_t currentUmask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

constexpr std::string_view kTemporaryTag = ".strata-";
constexpr std::string_view kRandomPart = ".XXXXXX";
// The destination's name as part of its temporary's, cut so the whole stays within NAME_MAX.
constexpr qsizetype kNameBytesInTemporary = 200;

std::string temporaryTemplate(const QString& dir, const QString& fileName) {
  const QByteArray name = QFile::encodeName(fileName).left(kNameBytesInTemporary);
  return (QFile::encodeName(dir) + "/." + name +
          QByteArray(kTemporaryTag.data(), kTemporaryTag.size()) + QByteArray::number(::getpid()) +
          QByteArray(kRandomPart.data(), kRandomPart.size()))
      .toStdString();
}

// The writer's pid in one of our temporaries' names; 0 when the name is not one of ours.
pid_t temporaryOwner(std::string_view name) {
  if (name.size() < 2 + kTemporaryTag.size() + 1 + kRandomPart.size() || name[0] != '.') return 0;
  const std::string_view random = name.substr(name.size() - kRandomPart.size());
  if (random[0] != '.' || !std::all_of(random.begin() + 1, random.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c));
      }))
    return 0;
  const std::string_view head = name.substr(0, name.size() - kRandomPart.size());
  const std::size_t tag = head.rfind(kTemporaryTag);
  if (tag == std::string_view::npos || tag < 2) return 0;
  const std::string_view digits = head.substr(tag + kTemporaryTag.size());
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
  return error == std::errc() && end == digits.data() + digits.size() && pid > 0 ? pid : 0;
}

bool processRuns(pid_t pid) {
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

// Removes `name` when it is a temporary of ours whose writer is gone: its pid runs no more and
// nobody holds its lock. Both are needed: the pid may be reused by an unrelated process (then
// the file stays, harmlessly), and a writer on another host or in another pid namespace holds
// the lock though its pid means nothing here.
void removeIfStale(int dirFd, const char* name) {
  const pid_t owner = temporaryOwner(name);
  if (owner == 0 || processRuns(owner)) return;
  // Read-write: an exclusive flock on NFS needs a descriptor open for writing.
  const int fd = ::openat(dirFd, name, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
      ::flock(fd, LOCK_EX | LOCK_NB) == 0)
    ::unlinkat(dirFd, name, 0);
  ::close(fd);
}

// Temporaries left by killed exports (SIGKILL, a crash, a power cut) in `dir`.
void sweepStaleTemporaries(const QString& dir) {
  DIR* entries = ::opendir(QFile::encodeName(dir).constData());
  if (!entries) return;
  while (const dirent* entry = ::readdir(entries))
    if (entry->d_name[0] == '.') removeIfStale(::dirfd(entries), entry->d_name);
  ::closedir(entries);
}

}  // namespace

AtomicFile::AtomicFile(const QString& path) : path_(path), target_(exportTarget(path)) {
  const QFileInfo info(target_);
  const QString dir = info.absolutePath();
  sweepStaleTemporaries(dir);
  tempPath_ = temporaryTemplate(dir, info.fileName());
  fd_ = ::mkostemp(tempPath_.data(), O_CLOEXEC);
  if (fd_ < 0) fail(QStringLiteral("cannot create a file in %1").arg(dir), errno);
  // Held until the file is renamed into place or removed. Where locks are not supported no
  // other process can take it either, so no sweep removes the file.
  ::flock(fd_, LOCK_EX | LOCK_NB);
  // mkstemp makes 0600; give the file the mode a plain create would, or the one it replaces.
  struct stat existing {};
  const mode_t mode = ::stat(QFile::encodeName(target_).constData(), &existing) == 0
                          ? existing.st_mode & 07777
                          : 0666 & ~currentUmask();
  ::fchmod(fd_, mode);
}

AtomicFile::~AtomicFile() {
  // Unlinked before closing, so the file never exists unlocked.
  if (!committed_ && fd_ >= 0) ::unlink(tempPath_.c_str());
  if (fd_ >= 0) ::close(fd_);
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
  // Renamed while still open and locked: a sweep never sees the temporary unlocked. The data is
  // on disk (fsync), so closing has nothing left to report.
  if (::rename(tempPath_.c_str(), QFile::encodeName(target_).constData()) != 0)
    fail(QStringLiteral("cannot rename the finished file into place"), errno);
  committed_ = true;
  ::close(fd_);
  fd_ = -1;
  // Make the rename itself durable.
  const int dirFd = ::open(QFile::encodeName(QFileInfo(target_).absolutePath()).constData(),
                           O_RDONLY | O_DIRECTORY);
  if (dirFd >= 0) {
    ::fsync(dirFd);
    ::close(dirFd);
  }
}

}  // namespace strata

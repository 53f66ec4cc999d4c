#include "fuzz_support.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace strata::fuzz {

void failBroken(const char* target, const QString& what) {
  std::fprintf(stderr, "%s: broken promise: %s\n", target, qUtf8Printable(what));
  std::fflush(stderr);
  std::abort();
}

QString utf8Text(const std::uint8_t* data, std::size_t size) {
  return QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

MemoryFile::MemoryFile(const char* name) : fd_(memfd_create(name, MFD_CLOEXEC)) {
  if (fd_ < 0) {
    std::fprintf(stderr, "memfd_create(%s): %s\n", name, std::strerror(errno));
    std::abort();
  }
  path_ = QStringLiteral("/proc/self/fd/%1").arg(fd_);
}

MemoryFile::~MemoryFile() {
  close(fd_);
}

void MemoryFile::assign(const std::uint8_t* data, std::size_t size) {
  if (ftruncate(fd_, 0) != 0 || pwrite(fd_, data, size, 0) != static_cast<ssize_t>(size)) {
    std::fprintf(stderr, "writing the memory file: %s\n", std::strerror(errno));
    std::abort();
  }
}

}  // namespace strata::fuzz

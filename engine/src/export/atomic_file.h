#pragma once
// A file written beside its destination under a temporary name and renamed into place only by
// commit(): readers never see it half-written, a failure never destroys the file already there,
// and a destroyed uncommitted AtomicFile removes its temporary. The temporary is named
// ".<name>.strata-<pid>.XXXXXX" and held under an exclusive flock while it exists, so a later
// export into the directory can tell one left by a killed process (owner gone, lock free) and
// remove it, and never touches one still being written.
#include <QString>

#include <cstddef>
#include <cstdint>
#include <string>

namespace strata {

class AtomicFile {
 public:
  /// Creates the temporary beside exportTarget(path) (a symlink's target), first removing the
  /// stale temporaries there; throws ExportError naming `path` when it cannot.
  explicit AtomicFile(const QString& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// Appends; throws ExportError (disk full, I/O error) naming the destination.
  void write(const void* data, std::size_t size);
  void write(const std::string& bytes) { write(bytes.data(), bytes.size()); }
  std::int64_t position() const { return position_; }
  /// fsync, rename over the destination, fsync the directory. Throws ExportError.
  void commit();

 private:
  [[noreturn]] void fail(const QString& what, int error) const;
  QString path_;
  QString target_;  // the regular file replaced: path_, or the final target of a symlink
  std::string tempPath_;
  int fd_ = -1;
  std::int64_t position_ = 0;
  bool committed_ = false;
};

}  // namespace strata

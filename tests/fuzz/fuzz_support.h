#pragma once
// Shared by the fuzz targets (tests/fuzz/fuzz_*.cpp). Each target is one
// LLVMFuzzerTestOneInput calling the entry point the product uses; a clean refusal (an error
// text, a diagnostic, an exception the product catches) is fine, anything else is a finding:
// sanitizers and libFuzzer catch crashes, hangs, leaks and memory, and failBroken() the
// properties the product promises (a parsed config writes back to itself, an error names where).
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace strata::fuzz {

/// A promise of the product did not hold for this input: prints what, then aborts so that
/// libFuzzer keeps the input as a crash and the replay test fails.
[[noreturn]] void failBroken(const char* target, const QString& what);

/// The input as text, decoded as the product decodes files it reads (UTF-8).
QString utf8Text(const std::uint8_t* data, std::size_t size);

/// An in-memory regular file (memfd) with a path, for readers that take a path (CSV bars,
/// Parquet footers): each input replaces its bytes, so no disk is touched per execution.
class MemoryFile {
 public:
  explicit MemoryFile(const char* name);
  ~MemoryFile();
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  void assign(const std::uint8_t* data, std::size_t size);
  /// "/proc/self/fd/N": opening it opens the same file.
  const QString& path() const { return path_; }

 private:
  int fd_ = -1;
  QString path_;
};

}  // namespace strata::fuzz

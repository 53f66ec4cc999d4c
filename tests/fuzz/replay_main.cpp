// Replays a fuzz target's corpus without libFuzzer, so the ordinary (gcc) build and CTest check
// every seed and every kept regression input: each file named, or each file of each directory
// named, runs through LLVMFuzzerTestOneInput once. A crash or a broken promise aborts with the
// file printed just before; a run that exits 0 replayed them all.
#include "fuzz_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

QStringList inputsOf(const QString& argument) {
  const QFileInfo info(argument);
  if (!info.isDir()) return {argument};
  QStringList files;
  const QDir dir(argument);
  for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) files << dir.filePath(name);
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
    return 2;
  }
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  int replayed = 0;
  for (int i = 1; i < argc; ++i) {
    const QStringList files = inputsOf(QString::fromLocal8Bit(argv[i]));
    if (files.isEmpty()) {
      std::fprintf(stderr, "%s: no inputs\n", argv[i]);
      return 1;
    }
    for (const QString& path : files) {
      QFile file(path);
      if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "%s: cannot read: %s\n", qUtf8Printable(path),
                     qUtf8Printable(file.errorString()));
        return 1;
      }
      const QByteArray bytes = file.readAll();
      std::fprintf(stderr, "%s (%lld bytes)\n", qUtf8Printable(path),
                   static_cast<long long>(bytes.size()));
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                             static_cast<std::size_t>(bytes.size()));
      ++replayed;
    }
  }
  std::printf("%d inputs replayed\n", replayed);
  return 0;
}

#pragma once
// Encodes chunks of an export on worker threads and hands them to the writer in order, at most
// a small window ahead, so that formatting/compression runs in parallel while memory stays
// bounded by `window` chunks and the file is written sequentially from the calling thread.
#include "strata/export.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <deque>

namespace strata {

/// produce(i) runs on a worker (it must not throw; report problems inside the chunk);
/// consume(chunk) runs on the calling thread for i = 0, 1, ... count-1. Checks `cancel` between
/// chunks and throws ExportCancelled; always waits for running workers before returning.
template <class Chunk, class Produce, class Consume>
void produceInOrder(qint64 count, int threads, const std::atomic_bool* cancel, Produce produce,
                    Consume consume) {
  QThreadPool pool;
  pool.setMaxThreadCount(threads > 0 ? threads : QThread::idealThreadCount());
  const qint64 window = 2 * static_cast<qint64>(pool.maxThreadCount());
  std::deque<QFuture<Chunk>> running;
  qint64 next = 0;
  auto drain = [&running] {
    for (QFuture<Chunk>& f : running) f.waitForFinished();
  };
  try {
    for (qint64 done = 0; done < count; ++done) {
      while (next < count && next - done < window) {
        const qint64 index = next++;
        running.push_back(QtConcurrent::run(&pool, [&produce, index] { return produce(index); }));
      }
      if (cancel && cancel->load()) throw ExportCancelled();
      Chunk chunk = running.front().takeResult();
      running.pop_front();
      consume(chunk);
    }
  } catch (...) {
    drain();
    throw;
  }
}

}  // namespace strata

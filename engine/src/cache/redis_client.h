#pragma once
// Blocking hiredis connections for the cache: connect/command timeouts, AUTH and SELECT, and a
// small pool that notices when Redis goes away, stops trying for a while (exponential
// backoff) and reconnects when it is back. Nothing here throws: failures are error texts.
#include "strata/visibility.h"  // exported for the cache's own tests, which check the wire format directly
#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <chrono>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <vector>

struct redisContext;
struct redisReply;

namespace strata::cache {

struct STRATA_ENGINE_EXPORT RedisReplyDeleter {
  void operator()(redisReply* reply) const;
};
using RedisReply = std::unique_ptr<redisReply, RedisReplyDeleter>;

struct STRATA_ENGINE_EXPORT RedisEndpoint {
  QString host = QStringLiteral("127.0.0.1");
  int port = 6379;
  int db = 0;
  QByteArray password;  // empty: no AUTH
  int timeoutMs = 500;  // connect and every command
  QString describe() const;  // "127.0.0.1:6379 db 0"
};

/// One connection; used by one thread at a time (the pool hands it out).
class STRATA_ENGINE_EXPORT RedisConnection {
 public:
  static std::unique_ptr<RedisConnection> open(const RedisEndpoint& endpoint, QString* error);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  /// Runs one command. Null with `error` set on a transport failure (the connection is then
  /// broken()) or on an error reply (the connection stays usable).
  RedisReply command(std::initializer_list<QByteArrayView> args, QString* error);
  RedisReply command(const std::vector<QByteArrayView>& args, QString* error);
  /// Pipelining: queue commands without waiting, then take their replies in order with next().
  /// Large values move much faster as many ~1 MiB commands in flight than as one huge one.
  void append(const std::vector<QByteArrayView>& args);
  RedisReply next(QString* error);
  bool broken() const { return broken_; }

 private:
  explicit RedisConnection(redisContext* context) : context_(context) {}
  redisContext* context_;
  bool broken_ = false;
};

/// Reply helpers (null-safe).
STRATA_ENGINE_EXPORT bool isStatusOk(const redisReply* reply);
STRATA_ENGINE_EXPORT bool isNil(const redisReply* reply);
STRATA_ENGINE_EXPORT QByteArrayView replyBytes(const redisReply* reply);  // a string reply's bytes, empty otherwise
STRATA_ENGINE_EXPORT long long replyInteger(const redisReply* reply);

class STRATA_ENGINE_EXPORT RedisPool {
 public:
  struct Backoff {
    std::chrono::milliseconds first{250};
    std::chrono::milliseconds max{30'000};
  };
  /// `onStateChange(up, message)` is called (outside the pool's lock) when Redis becomes
  /// unreachable or reachable again.
  RedisPool(RedisEndpoint endpoint, int maxIdle, Backoff backoff,
            std::function<void(bool up, const QString& message)> onStateChange);
  ~RedisPool();

  /// A connection, or null while Redis is down and no reconnection attempt is due.
  std::unique_ptr<RedisConnection> acquire();
  /// Returns a connection; a broken one is dropped and Redis is marked down with `error`.
  void release(std::unique_ptr<RedisConnection> connection, const QString& error = {});

  bool up() const;
  QString describe() const;  // endpoint and state, for status lines
  const RedisEndpoint& endpoint() const { return endpoint_; }

 private:
  void markDown(const QString& error);
  RedisEndpoint endpoint_;
  int maxIdle_;
  Backoff backoff_;
  std::function<void(bool, const QString&)> onStateChange_;

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<RedisConnection>> idle_;
  bool up_ = true;            // optimistic until the first failure
  bool everConnected_ = false;
  bool connecting_ = false;   // one reconnection attempt at a time
  QString lastError_;
  std::chrono::milliseconds delay_{0};
  std::chrono::steady_clock::time_point nextAttempt_{};
};

}  // namespace strata::cache

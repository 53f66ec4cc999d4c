#include "redis_client.h"

#include <hiredis/hiredis.h>

#include <algorithm>

namespace strata::cache {
namespace {

timeval toTimeval(int millis) {
  timeval tv{};
  tv.tv_sec = millis / 1000;
  tv.tv_usec = (millis % 1000) * 1000;
  return tv;
}

QString contextError(const redisContext* context) {
  if (!context) return QStringLiteral("cannot allocate a redis context");
  const QString text = QString::fromLocal8Bit(context->errstr).trimmed();
  // hiredis reports a timed-out read as "Resource temporarily unavailable".
  if (context->err == REDIS_ERR_IO && (text.contains(QLatin1String("temporarily unavailable")) || text.isEmpty()))
    return QStringLiteral("timed out");
  return text.isEmpty() ? QStringLiteral("connection lost") : text;
}

}  // namespace

void RedisReplyDeleter::operator()(redisReply* reply) const { freeReplyObject(reply); }

QString RedisEndpoint::describe() const {
  return QStringLiteral("%1:%2 db %3").arg(host).arg(port).arg(db);
}

std::unique_ptr<RedisConnection> RedisConnection::open(const RedisEndpoint& endpoint, QString* error) {
  const QByteArray host = endpoint.host.toUtf8();
  redisContext* context = redisConnectWithTimeout(host.constData(), endpoint.port, toTimeval(endpoint.timeoutMs));
  if (!context || context->err) {
    if (error) *error = QStringLiteral("cannot connect to redis at %1: %2").arg(endpoint.describe(), contextError(context));
    if (context) redisFree(context);
    return nullptr;
  }
  std::unique_ptr<RedisConnection> connection(new RedisConnection(context));
  // hiredis frees its read buffer after every reply by default (maxbuf 16 KiB), so each large
  // chunk would grow it again from nothing; keep it.
  context->reader->maxbuf = 0;
  if (redisSetTimeout(context, toTimeval(endpoint.timeoutMs)) != REDIS_OK) {
    if (error) *error = QStringLiteral("cannot set the redis command timeout: %1").arg(contextError(context));
    return nullptr;
  }
  QString problem;
  const QByteArray db = QByteArray::number(endpoint.db);
  // PING even when nothing else is sent: a stopped server accepts TCP connections but answers
  // nothing, and only a command reveals that.
  if ((!endpoint.password.isEmpty() && !isStatusOk(connection->command({"AUTH", endpoint.password}, &problem).get())) ||
      (endpoint.db != 0 && !isStatusOk(connection->command({"SELECT", db}, &problem).get())) ||
      !connection->command({"PING"}, &problem)) {
    if (error) *error = QStringLiteral("redis at %1: %2").arg(endpoint.describe(), problem);
    return nullptr;
  }
  return connection;
}

RedisConnection::~RedisConnection() { redisFree(context_); }

RedisReply RedisConnection::command(std::initializer_list<QByteArrayView> args, QString* error) {
  return command(std::vector<QByteArrayView>(args), error);
}

RedisReply RedisConnection::command(const std::vector<QByteArrayView>& args, QString* error) {
  append(args);
  return next(error);
}

void RedisConnection::append(const std::vector<QByteArrayView>& args) {
  if (broken_) return;
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (QByteArrayView arg : args) {
    argv.push_back(arg.data() ? arg.data() : "");
    lengths.push_back(static_cast<std::size_t>(arg.size()));
  }
  if (redisAppendCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data()) != REDIS_OK)
    broken_ = true;
}

RedisReply RedisConnection::next(QString* error) {
  if (broken_) {
    if (error) *error = context_->err ? contextError(context_) : QStringLiteral("connection already failed");
    return nullptr;
  }
  void* raw = nullptr;
  if (redisGetReply(context_, &raw) != REDIS_OK || !raw) {
    broken_ = true;
    if (error) *error = contextError(context_);
    return nullptr;
  }
  RedisReply reply(static_cast<redisReply*>(raw));
  if (reply->type == REDIS_REPLY_ERROR) {
    if (error) *error = QString::fromUtf8(reply->str, static_cast<qsizetype>(reply->len));
    return nullptr;
  }
  return reply;
}

bool isStatusOk(const redisReply* reply) {
  return reply && reply->type == REDIS_REPLY_STATUS && replyBytes(reply) == QByteArrayView("OK");
}

bool isNil(const redisReply* reply) { return reply && reply->type == REDIS_REPLY_NIL; }

QByteArrayView replyBytes(const redisReply* reply) {
  if (!reply || (reply->type != REDIS_REPLY_STRING && reply->type != REDIS_REPLY_STATUS)) return {};
  return {reply->str, static_cast<qsizetype>(reply->len)};
}

long long replyInteger(const redisReply* reply) {
  return reply && reply->type == REDIS_REPLY_INTEGER ? reply->integer : 0;
}

RedisPool::RedisPool(RedisEndpoint endpoint, int maxIdle, Backoff backoff,
                     std::function<void(bool, const QString&)> onStateChange)
    : endpoint_(std::move(endpoint)),
      maxIdle_(std::max(1, maxIdle)),
      backoff_(backoff),
      onStateChange_(std::move(onStateChange)) {}

RedisPool::~RedisPool() = default;

std::unique_ptr<RedisConnection> RedisPool::acquire() {
  const auto now = std::chrono::steady_clock::now();
  bool wasDown = false;
  {
    std::lock_guard lock(mutex_);
    if (up_ && !idle_.empty()) {
      std::unique_ptr<RedisConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
    // While down, one thread at a time probes, and only once the backoff delay has passed:
    // the others carry on with the memory tier instead of each waiting for a timeout.
    if (!up_ && (connecting_ || now < nextAttempt_)) return nullptr;
    wasDown = !up_;
    if (wasDown) connecting_ = true;
  }
  QString error;
  std::unique_ptr<RedisConnection> connection = RedisConnection::open(endpoint_, &error);
  bool recovered = false;
  {
    std::lock_guard lock(mutex_);
    if (wasDown) connecting_ = false;
    if (connection) {
      recovered = !up_;
      up_ = true;
      everConnected_ = true;
      delay_ = std::chrono::milliseconds(0);
      lastError_.clear();
    }
  }
  if (!connection)
    markDown(error);
  else if (recovered && onStateChange_)
    onStateChange_(true, QStringLiteral("redis at %1 is reachable again; using it").arg(endpoint_.describe()));
  return connection;
}

void RedisPool::release(std::unique_ptr<RedisConnection> connection, const QString& error) {
  if (!connection) return;
  if (connection->broken()) {
    connection.reset();
    markDown(error.isEmpty() ? QStringLiteral("connection lost") : error);
    return;
  }
  std::lock_guard lock(mutex_);
  if (up_ && static_cast<int>(idle_.size()) < maxIdle_) idle_.push_back(std::move(connection));
}

void RedisPool::markDown(const QString& error) {
  bool announce = false;
  QString message;
  std::vector<std::unique_ptr<RedisConnection>> dropped;
  {
    std::lock_guard lock(mutex_);
    announce = up_;
    up_ = false;
    dropped.swap(idle_);  // they point at the same dead or stuck server
    delay_ = delay_.count() == 0 ? backoff_.first : std::min(backoff_.max, delay_ * 2);
    nextAttempt_ = std::chrono::steady_clock::now() + delay_;
    lastError_ = error;
    message = QStringLiteral("redis unavailable (%1); using the memory cache only, retrying in %2 ms")
                  .arg(error)
                  .arg(delay_.count());
  }
  if (announce && onStateChange_) onStateChange_(false, message);
}

bool RedisPool::up() const {
  std::lock_guard lock(mutex_);
  return up_ && everConnected_;
}

QString RedisPool::describe() const {
  std::lock_guard lock(mutex_);
  if (up_ && everConnected_) return QStringLiteral("redis %1: connected").arg(endpoint_.describe());
  if (up_) return QStringLiteral("redis %1: not contacted yet").arg(endpoint_.describe());
  return QStringLiteral("redis %1: unavailable (%2)").arg(endpoint_.describe(), lastError_);
}

}  // namespace strata::cache

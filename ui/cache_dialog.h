#pragma once
// Settings > Cache...: the feature cache at run time. Shows whether Redis is connected and lets
// the user change the Redis TTL; a new TTL applies to the next stores (values already in Redis
// keep theirs) and is remembered in QSettings (key kTtlSettingsKey) for the next session.
#include <QDialog>

#include <memory>

class QLabel;
class QSpinBox;

namespace strata {
class FeatureCache;
}

namespace strata::ui {

class CacheDialog : public QDialog {
  Q_OBJECT
 public:
  /// `cache` null: the cache is off in the settings; the dialog only says so.
  explicit CacheDialog(std::shared_ptr<FeatureCache> cache, QWidget* parent = nullptr);

  QSpinBox* ttlEditor() const { return ttl_; }
  QLabel* redisStateLabel() const { return redisState_; }

  /// Sets the cache's TTL and remembers it in QSettings.
  void apply();
  /// A TTL remembered by an earlier apply(), if any, given to `cache` (called at start-up).
  static void restoreTtl(FeatureCache& cache);
  static constexpr const char* kTtlSettingsKey = "cache/redis_ttl_seconds";

 private:
  void refreshRedisState();

  std::shared_ptr<FeatureCache> cache_;
  QSpinBox* ttl_ = nullptr;
  QLabel* redisState_ = nullptr;
};

}  // namespace strata::ui

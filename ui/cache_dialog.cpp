#include "cache_dialog.h"

#include "strata/feature_cache.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace strata::ui {

CacheDialog::CacheDialog(std::shared_ptr<FeatureCache> cache, QWidget* parent)
    : QDialog(parent), cache_(std::move(cache)) {
  setWindowTitle(tr("Cache"));
  auto* form = new QFormLayout;
  redisState_ = new QLabel(this);
  redisState_->setObjectName(QStringLiteral("redisState"));
  redisState_->setWordWrap(true);
  form->addRow(tr("Redis:"), redisState_);
  ttl_ = new QSpinBox(this);
  ttl_->setObjectName(QStringLiteral("redisTtl"));
  ttl_->setRange(1, FeatureCache::kMaxRedisTtlSeconds);
  ttl_->setSuffix(tr(" s"));
  ttl_->setToolTip(tr("How long new cache values live in Redis (and in memory). Values already "
                      "stored keep their expiry."));
  ttl_->setValue(cache_ ? cache_->redisTtl() : 3600);
  ttl_->setEnabled(cache_ != nullptr);
  form->addRow(tr("Time to live:"), ttl_);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setEnabled(cache_ != nullptr);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    apply();
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);

  // Redis connects on first use and may come and go: keep the line current while open.
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, &CacheDialog::refreshRedisState);
  timer->start(1000);
  refreshRedisState();
}

void CacheDialog::refreshRedisState() {
  if (!cache_) {
    redisState_->setText(tr("cache off in the settings"));
    return;
  }
  const CacheSettings& s = cache_->settings();
  if (!cache_->redisConfigured())
    redisState_->setText(tr("off in the settings (memory cache only)"));
  else if (cache_->redisAvailable())
    redisState_->setText(tr("connected to %1:%2").arg(s.redisHost).arg(s.redisPort));
  else
    redisState_->setText(tr("not connected (%1:%2; connects on the next run)").arg(s.redisHost).arg(s.redisPort));
}

void CacheDialog::apply() {
  if (!cache_) return;
  cache_->setRedisTtl(ttl_->value());
  QSettings().setValue(QLatin1String(kTtlSettingsKey), ttl_->value());
}

void CacheDialog::restoreTtl(FeatureCache& cache) {
  bool ok = false;
  const int seconds = QSettings().value(QLatin1String(kTtlSettingsKey)).toInt(&ok);
  if (ok && seconds >= 1 && seconds <= FeatureCache::kMaxRedisTtlSeconds) cache.setRedisTtl(seconds);
}

}  // namespace strata::ui

// Content-addressed keys: everything that changes a matrix goes into one canonical text whose
// SHA-256 ends the key (docs/cache.md lists the fields).
#include "strata/feature_cache.h"
#include "strata/plugin_registry.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace strata {
namespace {

QString sha256Hex(const QByteArray& text) {
  return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

QByteArray canonicalJson(const QVariantMap& values) {
  // QJsonObject keeps its keys sorted, so the text does not depend on the order written.
  return QJsonDocument(QJsonObject::fromVariantMap(values)).toJson(QJsonDocument::Compact);
}

}  // namespace

QString FeatureCache::keyPrefix() { return QStringLiteral("strata:v1:"); }

QString FeatureCache::keySymbol(const QString& symbol) {
  // Percent-encoding leaves only [A-Za-z0-9._~-]: no ':' to confuse the key's fields, no glob
  // characters to confuse SCAN MATCH, and distinct symbols stay distinct.
  if (symbol.isEmpty()) return QStringLiteral("%");
  return QString::fromLatin1(QUrl::toPercentEncoding(symbol));
}

QString FeatureCache::keyFor(const FeatureRequest& request) {
  QByteArray text = "strata feature cache key v1\n";
  text += "engine=" STRATA_VERSION "\n";
  text += "symbol=" + request.symbol.toUtf8() + '\n';
  text += "timeframe=" + request.timeframe.name().toUtf8() + '\n';
  text += "lookback_days=" + QByteArray::number(request.lookbackDays) + '\n';
  text += "normalize=" + QByteArray(request.normalize ? "1" : "0") + '\n';
  text += "aligned=" + QByteArray(request.aligned ? "1" : "0") + '\n';
  text += "aligned_timeframes=" + request.alignedTimeframes.join(QLatin1Char(',')).toUtf8() + '\n';
  text += "input=" + request.input.toString().toUtf8() + '\n';
  if (request.pipeline) {
    for (const ResolvedStep& step : request.pipeline->steps()) {
      text += "step=";
      if (step.plugin) text += step.plugin->info.id.toUtf8() + '@' + step.plugin->info.version.toUtf8();
      text += ' ' + canonicalJson(step.params.values()) + '\n';
    }
    text += "config=\n" + request.pipeline->config().toYaml().toUtf8();
  }
  return keyPrefix() + QStringLiteral("features:%1:%2:%3")
                           .arg(keySymbol(request.symbol), request.timeframe.name(), sha256Hex(text));
}

QString FeatureCache::featureKeyFor(const QString& name, const QVariantMap& params) {
  QByteArray text = "strata feature key v1\nengine=" STRATA_VERSION "\nname=" + name.toUtf8() + '\n';
  text += canonicalJson(params);
  return keyPrefix() + QStringLiteral("feature:%1:%2").arg(keySymbol(name), sha256Hex(text));
}

}  // namespace strata

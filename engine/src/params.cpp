#include "strata/plugin_api.h"

namespace strata {

QList<int> Params::integers(const QString& name) const {
  QList<int> out;
  for (const QVariant& v : values_.value(name).toList()) out << v.toInt();
  return out;
}

QStringList Params::texts(const QString& name) const {
  QStringList out;
  for (const QVariant& v : values_.value(name).toList()) out << v.toString();
  return out;
}

QList<QStringList> Params::pairs(const QString& name) const {
  QList<QStringList> out;
  for (const QVariant& pair : values_.value(name).toList()) {
    QStringList p;
    for (const QVariant& e : pair.toList()) p << e.toString();
    out << p;
  }
  return out;
}

}  // namespace strata

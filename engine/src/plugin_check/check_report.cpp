// The checker's report as text (one line per check, one per failure) and as JSON.
#include "strata/plugin_check.h"

#include <QJsonArray>

#include <algorithm>

namespace strata {

QString CheckFailure::toText() const {
  QStringList where;
  for (const QString& part : {parameters, input})
    if (!part.isEmpty()) where << part;
  QString text =
      where.isEmpty() ? QString() : QStringLiteral("[%1] ").arg(where.join(QStringLiteral("; ")));
  if (!output.isEmpty())
    text +=
        output + (row >= 0 ? QStringLiteral(" row %1").arg(row) : QString()) + QStringLiteral(": ");
  text += message;
  if (!expected.isEmpty() || !got.isEmpty())
    text += QStringLiteral(": expected %1, got %2").arg(expected, got);
  return text;
}

bool PluginCheckReport::passed() const {
  return std::all_of(checks.cbegin(), checks.cend(),
                     [](const CheckResult& c) { return c.passed(); });
}

const CheckResult* PluginCheckReport::check(const QString& name) const {
  for (const CheckResult& c : checks)
    if (c.name == name) return &c;
  return nullptr;
}

QString PluginCheckReport::toText() const {
  QString text = QStringLiteral("check-plugin %1 %2 (%3): %4\n")
                     .arg(info.id, info.version, info.kind, info.libraryPath);
  QStringList failed;
  for (const CheckResult& c : checks) {
    text += QStringLiteral("%1  %2  %3\n")
                .arg(c.passed() ? QStringLiteral("PASS") : QStringLiteral("FAIL"),
                     c.name.leftJustified(12), c.summary);
    for (const CheckFailure& f : c.failures)
      text += QStringLiteral("        ") + f.toText() + QLatin1Char('\n');
    for (const QString& note : c.notes)
      text += QStringLiteral("        note: ") + note + QLatin1Char('\n');
    if (!c.passed()) failed << c.name;
  }
  if (failed.isEmpty())
    return text + QStringLiteral("result: PASS, all %1 checks hold\n").arg(checks.size());
  return text + QStringLiteral("result: FAIL, %1 of %2 checks failed: %3\n")
                    .arg(failed.size())
                    .arg(checks.size())
                    .arg(failed.join(QStringLiteral(", ")));
}

QJsonObject PluginCheckReport::toJson() const {
  QJsonArray list;
  for (const CheckResult& c : checks) {
    QJsonArray failures;
    for (const CheckFailure& f : c.failures)
      failures.append(QJsonObject{{"parameters", f.parameters},
                                  {"input", f.input},
                                  {"output", f.output},
                                  {"row", f.row},
                                  {"expected", f.expected},
                                  {"got", f.got},
                                  {"message", f.message},
                                  {"text", f.toText()}});
    list.append(QJsonObject{{"name", c.name},
                            {"passed", c.passed()},
                            {"summary", c.summary},
                            {"failures", failures},
                            {"notes", QJsonArray::fromStringList(c.notes)}});
  }
  return QJsonObject{{"plugin", QJsonObject{{"id", info.id},
                                            {"version", info.version},
                                            {"kind", info.kind},
                                            {"library", info.libraryPath}}},
                     {"passed", passed()},
                     {"checks", list}};
}

}  // namespace strata

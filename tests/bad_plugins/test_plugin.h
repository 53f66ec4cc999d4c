#pragma once
// Shared by the purpose-built test plugins: one task reading close, writing one column.
#include "strata/plugin_api.h"

#include <QObject>

#include <cmath>
#include <limits>

namespace strata::test_plugins {

class OneColumnPlugin : public QObject, public FeaturePlugin {
 public:
  explicit OneColumnPlugin(QString output) : output_(std::move(output)) {}
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    Task task;
    task.inputs = {QStringLiteral("close")};
    task.outputs = {output_};
    task.outputSpecs = {0};
    return {task};
  }
  void compute(const Params&, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    for (std::size_t i = 0; i < in[0].size(); ++i) out[0][i] = value(in[0][i]);
  }

 protected:
  virtual double value(double close) const { return close; }

 private:
  QString output_;
};

}  // namespace strata::test_plugins

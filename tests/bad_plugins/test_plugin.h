#pragma once
// Shared by the purpose-built test plugins: one task reading close, writing one column.
#include "strata/sdk/plugin_api.h"

#include <QObject>

#include <algorithm>
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

/// Close, with the first leadingRows(params) rows NaN: a window-like output whose lookback the
/// metadata may or may not state right.
class LeadingNaNPlugin : public OneColumnPlugin {
 public:
  using OneColumnPlugin::OneColumnPlugin;
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    const auto leading = static_cast<std::size_t>(std::max(0, leadingRows(params)));
    for (std::size_t i = 0; i < in[0].size(); ++i)
      out[0][i] = i < leading ? std::numeric_limits<double>::quiet_NaN() : in[0][i];
  }

 protected:
  virtual int leadingRows(const Params& params) const = 0;
};

}  // namespace strata::test_plugins

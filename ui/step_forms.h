#pragma once
// The right-hand forms of the pipeline editor: a plugin step (its schema-built ParamForm plus the
// step's own keys: suffix, apply_to) and the two engine stages (target, normalisation), which are
// not plugins and so have fixed forms.
#include "param_form.h"
#include "strata/pipeline_config.h"

#include <QWidget>

namespace strata {
struct PluginInfo;
}

namespace strata::ui {

class StepForm : public QWidget {
  Q_OBJECT
 public:
  /// `info` null: the step's plugin is not loaded (the form says so and edits nothing).
  /// `formulas`: what a formula parameter completes and checks against.
  StepForm(const StepConfig& step, const PluginInfo* info, QWidget* parent = nullptr, FormulaContext formulas = {});
  ParamForm* params() const { return params_; }
 signals:
  void stepChanged(const strata::StepConfig& step);

 private:
  StepConfig step_;
  ParamForm* params_ = nullptr;
};

class TargetForm : public QWidget {
  Q_OBJECT
 public:
  explicit TargetForm(const TargetConfig& target, QWidget* parent = nullptr);
 signals:
  void targetChanged(const strata::TargetConfig& target);

 private:
  TargetConfig target_;
};

class NormalizationForm : public QWidget {
  Q_OBJECT
 public:
  /// Also edits the matrix's precision (float64 or float32), the pipeline's last output choice.
  NormalizationForm(const NormalizationConfig& normalization, Precision precision, QWidget* parent = nullptr);
 signals:
  void normalizationChanged(const strata::NormalizationConfig& normalization);
  void precisionChanged(strata::Precision precision);

 private:
  NormalizationConfig normalization_;
};

}  // namespace strata::ui

// Evaluates a Program a column at a time: each operation is one loop over contiguous columns
// (constants stay scalars), buffers come from a per-thread pool and go back to it after their
// last use, and the rows of declared warm-up are NaN.
#include "formula_program.h"

#include "strata/plugin_registry.h"
#include "strata/sdk/kernels.h"

#include <cmath>
#include <limits>

namespace strata::formula {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Column buffers reused by every evaluation on this thread (not the SDK's scratch slots: the
// plugin kernels a formula calls use those).
class BufferPool {
 public:
  std::vector<double>* take(std::size_t n) {
    if (free_.empty()) {
      owned_.push_back(std::make_unique<std::vector<double>>());
      free_.push_back(owned_.back().get());
    }
    std::vector<double>* b = free_.back();
    free_.pop_back();
    b->resize(n);
    return b;
  }
  void give(std::vector<double>* b) { free_.push_back(b); }

 private:
  std::vector<std::unique_ptr<std::vector<double>>> owned_;
  std::vector<std::vector<double>*> free_;
};

BufferPool& pool() {
  thread_local BufferPool p;
  return p;
}

// An operation's value: a column (an input's, or a pooled buffer) or one number for every row.
struct Value {
  std::span<const double> column;
  std::vector<double>* buffer = nullptr;
  double scalar = 0;
  bool isScalar = false;
  bool inOutput = false;  // written straight into the step's output column (the last operation)
  double at(std::size_t i) const { return isScalar ? scalar : column[i]; }
};

bool isMissing(double v) { return std::isnan(v); }
double truth(bool b) { return b ? 1.0 : 0.0; }

template <typename F>
void elementwise(const Value& a, const Value& b, std::span<double> out, F f) {
  const std::size_t n = out.size();
  if (!a.isScalar && !b.isScalar) {
    for (std::size_t i = 0; i < n; ++i) out[i] = f(a.column[i], b.column[i]);
  } else if (!a.isScalar) {
    for (std::size_t i = 0; i < n; ++i) out[i] = f(a.column[i], b.scalar);
  } else {
    for (std::size_t i = 0; i < n; ++i) out[i] = f(a.scalar, b.column[i]);
  }
}

template <typename F>
void elementwise(const Value& a, std::span<double> out, F f) {
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = f(a.column[i]);
}

// A comparison or logical operation: NaN in, NaN out (a missing value's row is missing).
template <typename F>
auto missingAware(F f) {
  return [f](double a, double b) { return isMissing(a) || isMissing(b) ? kNaN : truth(f(a, b)); };
}

double binary(OpCode code, double a, double b);

template <OpCode Code>
void binaryLoop(const Value& a, const Value& b, std::span<double> out) {
  elementwise(a, b, out, [](double x, double y) { return binary(Code, x, y); });
}

double binary(OpCode code, double a, double b) {
  switch (code) {
    case OpCode::Add: return a + b;
    case OpCode::Subtract: return a - b;
    case OpCode::Multiply: return a * b;
    case OpCode::Divide: return a / b;
    case OpCode::Power: return std::pow(a, b);
    case OpCode::Min: return isMissing(a) || isMissing(b) ? kNaN : std::min(a, b);
    case OpCode::Max: return isMissing(a) || isMissing(b) ? kNaN : std::max(a, b);
    case OpCode::Less: return missingAware([](double x, double y) { return x < y; })(a, b);
    case OpCode::LessEqual: return missingAware([](double x, double y) { return x <= y; })(a, b);
    case OpCode::Greater: return missingAware([](double x, double y) { return x > y; })(a, b);
    case OpCode::GreaterEqual: return missingAware([](double x, double y) { return x >= y; })(a, b);
    case OpCode::Equal: return missingAware([](double x, double y) { return x == y; })(a, b);
    case OpCode::NotEqual: return missingAware([](double x, double y) { return x != y; })(a, b);
    case OpCode::And: return missingAware([](double x, double y) { return x != 0 && y != 0; })(a, b);
    case OpCode::Or: return missingAware([](double x, double y) { return x != 0 || y != 0; })(a, b);
    default: return kNaN;
  }
}

// Each binary code its own loop, so the compiler sees one operation per loop (vectorised).
void binaryColumns(OpCode code, const Value& a, const Value& b, std::span<double> out) {
  switch (code) {
    case OpCode::Add: return binaryLoop<OpCode::Add>(a, b, out);
    case OpCode::Subtract: return binaryLoop<OpCode::Subtract>(a, b, out);
    case OpCode::Multiply: return binaryLoop<OpCode::Multiply>(a, b, out);
    case OpCode::Divide: return binaryLoop<OpCode::Divide>(a, b, out);
    case OpCode::Power: return binaryLoop<OpCode::Power>(a, b, out);
    case OpCode::Min: return binaryLoop<OpCode::Min>(a, b, out);
    case OpCode::Max: return binaryLoop<OpCode::Max>(a, b, out);
    case OpCode::Less: return binaryLoop<OpCode::Less>(a, b, out);
    case OpCode::LessEqual: return binaryLoop<OpCode::LessEqual>(a, b, out);
    case OpCode::Greater: return binaryLoop<OpCode::Greater>(a, b, out);
    case OpCode::GreaterEqual: return binaryLoop<OpCode::GreaterEqual>(a, b, out);
    case OpCode::Equal: return binaryLoop<OpCode::Equal>(a, b, out);
    case OpCode::NotEqual: return binaryLoop<OpCode::NotEqual>(a, b, out);
    case OpCode::And: return binaryLoop<OpCode::And>(a, b, out);
    case OpCode::Or: return binaryLoop<OpCode::Or>(a, b, out);
    default: break;
  }
}

double unary(OpCode code, double x) {
  switch (code) {
    case OpCode::Negate: return -x;
    case OpCode::Not: return isMissing(x) ? kNaN : truth(x == 0);
    case OpCode::Abs: return std::abs(x);
    case OpCode::Log: return std::log(x);
    case OpCode::Exp: return std::exp(x);
    case OpCode::Sqrt: return std::sqrt(x);
    case OpCode::Sign: return isMissing(x) ? kNaN : truth(x > 0) - truth(x < 0);
    default: return kNaN;
  }
}

void shifted(OpCode code, std::span<const double> x, int period, std::span<double> out) {
  const auto p = static_cast<std::size_t>(period);
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = i < p ? kNaN : code == OpCode::Lag ? x[i - p] : x[i] - x[i - p];
}

// 1 on the row where a moves from at or below b to above it (below: mirrored), 0 elsewhere,
// NaN where either row of either side is missing.
void crossing(OpCode code, std::span<const double> a, std::span<const double> b, std::span<double> out) {
  const double sign = code == OpCode::CrossAbove ? 1.0 : -1.0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i == 0 || isMissing(a[i]) || isMissing(b[i]) || isMissing(a[i - 1]) || isMissing(b[i - 1])) {
      out[i] = kNaN;
      continue;
    }
    out[i] = truth(sign * (a[i] - b[i]) > 0 && sign * (a[i - 1] - b[i - 1]) <= 0);
  }
}

void rolling(OpCode code, std::span<const double> x, int window, std::span<double> out) {
  switch (code) {
    case OpCode::RollingMean: return kernels::rollingMean(x, window, out);
    case OpCode::RollingStd: return kernels::rollingStd(x, window, 1, out);
    case OpCode::RollingMin: return kernels::rollingMin(x, window, out);
    case OpCode::RollingMax: return kernels::rollingMax(x, window, out);
    case OpCode::RollingSum:
      kernels::rollingMean(x, window, out);
      for (double& v : out) v *= window;
      return;
    default: break;
  }
}

class Evaluator {
 public:
  Evaluator(const Program& program, std::span<const ConstColumn> inputs, std::size_t rows)
      : program_(program), inputs_(inputs), rows_(rows), values_(program.ops.size()), lastUse_(program.ops.size(), -1) {
    for (std::size_t i = 0; i < program.ops.size(); ++i)
      for (int a : program.ops[i].args) lastUse_[static_cast<std::size_t>(a)] = static_cast<int>(i);
  }

  void run(Column out) {
    target_ = out;
    for (std::size_t i = 0; i < program_.ops.size(); ++i) {
      output_ = i + 1 == program_.ops.size() ? out : Column();
      values_[i] = compute(program_.ops[i]);
      for (int a : program_.ops[i].args)
        if (lastUse_[static_cast<std::size_t>(a)] == static_cast<int>(i)) release(values_[static_cast<std::size_t>(a)]);
    }
    Value& result = values_.back();
    if (result.isScalar) std::fill(out.begin(), out.end(), result.scalar);
    else if (!result.inOutput) std::copy(result.column.begin(), result.column.end(), out.begin());
    release(result);
    const std::size_t warmUp = std::min(rows_, static_cast<std::size_t>(program_.lookback));
    std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(warmUp), kNaN);
  }

 private:
  const Value& arg(const Op& op, std::size_t k) const { return values_[static_cast<std::size_t>(op.args[k])]; }

  // A column for an operation's result: the step's output itself for the last operation (no
  // copy at the end), else a pooled buffer. Scratch columns (a scalar spread out) never take it.
  Value fresh(bool result = true) {
    Value v;
    if (result && !output_.empty()) {
      v.column = output_;
      v.inOutput = true;
      output_ = Column();
      return v;
    }
    v.buffer = pool().take(rows_);
    v.column = *v.buffer;
    return v;
  }
  void release(Value& v) {
    if (v.buffer) pool().give(v.buffer);
    v.buffer = nullptr;
  }
  std::span<double> writable(Value& v) {
    return v.inOutput ? target_ : std::span<double>(*v.buffer);
  }

  // A column for an argument that may be a scalar (lag(3), rolling_mean(1, 5)).
  std::span<const double> columnOf(std::size_t opIndex) {
    Value& v = values_[opIndex];
    if (!v.isScalar) return v.column;
    const double s = v.scalar;
    v = fresh(false);
    std::fill(v.buffer->begin(), v.buffer->end(), s);
    v.isScalar = false;
    return v.column;
  }

  Value compute(const Op& op) {
    switch (op.code) {
      case OpCode::Column: return {inputs_[static_cast<std::size_t>(op.input)], nullptr, 0, false};
      case OpCode::Constant: return {{}, nullptr, op.constant, true};
      case OpCode::Where: return where(op);
      case OpCode::Clip: return clip(op);
      case OpCode::Plugin: return plugin(op);
      default: break;
    }
    if (op.args.size() == 2 && op.code != OpCode::CrossAbove && op.code != OpCode::CrossBelow) {
      const Value &a = arg(op, 0), &b = arg(op, 1);
      if (a.isScalar && b.isScalar) return {{}, nullptr, binary(op.code, a.scalar, b.scalar), true};
      Value v = fresh();
      binaryColumns(op.code, a, b, writable(v));
      return v;
    }
    if (op.args.size() == 1 && arg(op, 0).isScalar && op.period == 0)
      return {{}, nullptr, unary(op.code, arg(op, 0).scalar), true};
    return columnOp(op);
  }

  Value columnOp(const Op& op) {
    const std::span<const double> x = columnOf(static_cast<std::size_t>(op.args[0]));
    Value v = fresh();
    std::span<double> out = writable(v);
    switch (op.code) {
      case OpCode::Lag:
      case OpCode::Diff: shifted(op.code, x, op.period, out); break;
      case OpCode::CrossAbove:
      case OpCode::CrossBelow: crossing(op.code, x, columnOf(static_cast<std::size_t>(op.args[1])), out); break;
      case OpCode::RollingMean:
      case OpCode::RollingSum:
      case OpCode::RollingStd:
      case OpCode::RollingMin:
      case OpCode::RollingMax: rolling(op.code, x, op.period, out); break;
      default: elementwise(Value{x, nullptr, 0, false}, out, [code = op.code](double e) { return unary(code, e); });
    }
    return v;
  }

  Value where(const Op& op) {
    const Value &c = arg(op, 0), &a = arg(op, 1), &b = arg(op, 2);
    Value v = fresh();
    std::span<double> out = writable(v);
    for (std::size_t i = 0; i < rows_; ++i) {
      const double cond = c.at(i);
      out[i] = isMissing(cond) ? kNaN : cond != 0 ? a.at(i) : b.at(i);
    }
    return v;
  }

  Value clip(const Op& op) {
    const Value &x = arg(op, 0), &lo = arg(op, 1), &hi = arg(op, 2);
    Value v = fresh();
    std::span<double> out = writable(v);
    for (std::size_t i = 0; i < rows_; ++i) {
      const double e = x.at(i), l = lo.at(i), h = hi.at(i);
      out[i] = isMissing(e) || isMissing(l) || isMissing(h) ? kNaN : std::min(std::max(e, l), h);
    }
    return v;
  }

  Value plugin(const Op& op) {
    const PluginCall& call = *op.call;
    std::vector<ConstColumn> in;
    for (std::size_t k = 0; k < op.args.size(); ++k) in.push_back(columnOf(static_cast<std::size_t>(op.args[k])));
    std::vector<Value> outputs;
    std::vector<Column> out;
    for (qsizetype k = 0; k < call.task.outputs.size(); ++k) {
      outputs.push_back(fresh(k == call.output));
      out.push_back(writable(outputs.back()));
    }
    call.plugin->instance->compute(call.params, call.task, in, out);
    Value kept = outputs[static_cast<std::size_t>(call.output)];
    for (std::size_t k = 0; k < outputs.size(); ++k)
      if (static_cast<int>(k) != call.output) release(outputs[k]);
    return kept;
  }

  const Program& program_;
  std::span<const ConstColumn> inputs_;
  std::size_t rows_;
  std::vector<Value> values_;
  std::vector<int> lastUse_;
  Column target_;  // the step's output column
  Column output_;  // while the last operation runs: target_, until a result takes it
};

}  // namespace

void evaluate(const Program& program, std::span<const ConstColumn> inputs, Column out) {
  Evaluator(program, inputs, out.size()).run(out);
}

}  // namespace strata::formula

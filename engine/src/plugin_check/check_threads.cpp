// Determinism: the same input computed twice in a row, and different inputs computed on several
// threads at once (as the engine runs tasks), give the bits of one computation alone. A plugin
// keeping state between calls fails the first; one sharing mutable state fails the second.
#include "check_support.h"

#include <latch>
#include <thread>

namespace strata::plugin_check {
namespace {

constexpr int kRounds = 3;

// Computes frame k % frames.size() on thread k, all threads released at once.
std::vector<Computed> computeConcurrently(const FeaturePlugin& plugin, const ParameterSet& set,
                                          const std::vector<Frame>& frames, int threads) {
  std::vector<Computed> results(static_cast<std::size_t>(threads));
  std::latch start(threads);
  std::vector<std::thread> workers;
  for (int k = 0; k < threads; ++k)
    workers.emplace_back([&, k] {
      const Frame& frame = frames[static_cast<std::size_t>(k) % frames.size()];
      start.arrive_and_wait();
      try {
        results[static_cast<std::size_t>(k)] = computeSet(plugin, set, frame, frame.rows);
      } catch (const std::exception& e) {  // the checker's own buffers (bad_alloc)
        results[static_cast<std::size_t>(k)].error = QString::fromUtf8(e.what());
      }
    });
  for (std::thread& w : workers) w.join();
  return results;
}

// Adds a failure when `got` differs from `expected`; returns whether it did.
bool differs(const ParameterSet& set, const Frame& frame, const QString& input,
             const Computed& expected, const Computed& got, const QString& why,
             CheckResult* result) {
  if (!got.error.isEmpty()) {
    addFailure(result, failureOf(set.label, input, got.error));
    return true;
  }
  const std::optional<Location> at = firstDifference(got.outputs, expected.outputs, frame.rows);
  if (!at) return false;
  addFailure(result, differenceFailure(set, input, *at, expected.outputs, got.outputs, why));
  return true;
}

// One failure at most per parameter set: the first difference found.
void checkSet(const Context& context, const ParameterSet& set, const std::vector<Frame>& frames,
              CheckResult* result) {
  const FeaturePlugin& plugin = *context.plugin.instance;
  std::vector<Computed> alone;
  for (const Frame& frame : frames) {
    alone.push_back(computeSet(plugin, set, frame, frame.rows));
    if (!alone.back().error.isEmpty())
      return addFailure(result, failureOf(set.label, frame.label, alone.back().error));
  }
  for (std::size_t f = 0; f < frames.size(); ++f)
    if (differs(
            set, frames[f], frames[f].label, alone[f],
            computeSet(plugin, set, frames[f], frames[f].rows),
            QStringLiteral("computing the same input a second time gives other values: the plugin "
                           "keeps state between calls"),
            result))
      return;
  const int threads = context.options.threads;
  for (int round = 0; round < kRounds; ++round) {
    const std::vector<Computed> together = computeConcurrently(plugin, set, frames, threads);
    for (int k = 0; k < threads; ++k) {
      const std::size_t f = static_cast<std::size_t>(k) % frames.size();
      const QString input = QStringLiteral("%1 on thread %2 of %3, round %4")
                                .arg(frames[f].label)
                                .arg(k + 1)
                                .arg(threads)
                                .arg(round + 1);
      if (differs(
              set, frames[f], input, alone[f], together[static_cast<std::size_t>(k)],
              QStringLiteral("computed while other threads computed other inputs it differs from "
                             "the same computation alone: the plugin shares mutable state"),
              result))
        return;
    }
  }
}

}  // namespace

CheckResult checkThreads(const Context& context) {
  CheckResult result{QStringLiteral("threads"), {}, {}, {}};
  const auto sets = context.runnable();
  const PluginInfo& info = context.plugin.info;
  const std::uint64_t seed = context.options.seed;
  std::vector<Frame> frames{context.clean, context.nonFinite};
  for (FrameKind kind : {FrameKind::Clean, FrameKind::NonFinite}) {
    frames.push_back(makeFrame(info, kind, seed + 1));
    frames.back().label += QStringLiteral(" (seed %1)").arg(seed + 1);
  }
  result.summary = QStringLiteral(
                       "%1 x %2 inputs, each computed twice alone and on %3 threads at once, "
                       "%4 rounds")
                       .arg(counted(sets.size(), QStringLiteral("parameter set")))
                       .arg(frames.size())
                       .arg(context.options.threads)
                       .arg(kRounds);
  if (!requireRunnable(context, &result)) return result;
  for (const ParameterSet* set : sets) checkSet(context, *set, frames, &result);
  return result;
}

}  // namespace strata::plugin_check

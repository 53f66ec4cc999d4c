#include "test_plugin.h"

#include <array>
#include <atomic>
#include <chrono>
#include <thread>

namespace strata::test_plugins {

// Stages its result in one buffer shared by every call: right when called on one thread at a
// time, wrong when the engine runs two tasks at once. (Atomic elements keep the race defined
// behaviour; the pause makes the overlap happen on every run, not now and then.)
class SharedStatePlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "shared_state.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  SharedStatePlugin() : OneColumnPlugin(QStringLiteral("test_shared_state")) {}
  void compute(const Params&, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    static std::array<std::atomic<double>, 4096> staged;
    const std::size_t n = in[0].size(), shared = std::min(n, staged.size());
    for (std::size_t i = 0; i < shared; ++i) staged[i].store(in[0][i], std::memory_order_relaxed);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    for (std::size_t i = 0; i < n; ++i)
      out[0][i] = i < shared ? staged[i].load(std::memory_order_relaxed) : in[0][i];
  }
};

}  // namespace strata::test_plugins

#include "shared_state.moc"

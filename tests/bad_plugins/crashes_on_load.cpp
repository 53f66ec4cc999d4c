// A library whose start-up code (a static initializer, run inside dlopen) crashes, as a damaged
// file crashes the dynamic loader: the child that tries it first dies, Strata refuses it.
#include "test_plugin.h"

#include <csignal>

namespace strata::test_plugins {

const int kCrashedWhileLoading = std::raise(SIGSEGV);

class CrashesOnLoadPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "crashes_on_load.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  CrashesOnLoadPlugin() : OneColumnPlugin(QStringLiteral("test_crashes_on_load")) {}
};

}  // namespace strata::test_plugins

#include "crashes_on_load.moc"

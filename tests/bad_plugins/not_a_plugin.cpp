// A shared library without Qt plugin metadata: the registry must say it is not a plugin.
extern "C" int strata_test_not_a_plugin() { return 42; }

#pragma once
// libstrata_engine is built with hidden visibility: what is marked here is its ABI (the host
// API under engine/include/strata/), everything else stays inside the library.
#define STRATA_ENGINE_EXPORT __attribute__((visibility("default")))

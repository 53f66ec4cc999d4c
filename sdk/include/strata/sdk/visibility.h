#pragma once
// libstrata_sdk is built with hidden visibility: only what is marked here is its ABI.
#define STRATA_SDK_EXPORT __attribute__((visibility("default")))

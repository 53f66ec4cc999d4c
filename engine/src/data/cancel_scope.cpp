#include "strata/cancel_scope.h"

namespace strata {
namespace {
thread_local const std::atomic_bool* tCurrent = nullptr;
}  // namespace

CancelScope::CancelScope(const std::atomic_bool* cancel) : previous_(tCurrent) {
  tCurrent = cancel;
}

CancelScope::~CancelScope() {
  tCurrent = previous_;
}

const std::atomic_bool* CancelScope::current() {
  return tCurrent;
}

}  // namespace strata

#pragma once
// The cancel flag of the run a thread works for, for waits deep inside a data source (a
// PostgreSQL query) that the DataSource interface carries no flag to. FeatureEngineer sets it
// from GenerateOptions::cancel around its loads; any other caller of a DataSource may set it
// around its own calls. A source that waits on a server gives the wait up soon after the flag
// is set (PostgresDataSource: within about a second, with a SourceFailure).
#include "strata/visibility.h"

#include <atomic>

namespace strata {

class STRATA_ENGINE_EXPORT CancelScope {
 public:
  /// Until destroyed, current() on this thread is `cancel` (null: nothing cancels).
  explicit CancelScope(const std::atomic_bool* cancel);
  ~CancelScope();
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;

  /// The innermost scope's flag on the calling thread; null outside every scope.
  static const std::atomic_bool* current();

 private:
  const std::atomic_bool* previous_;
};

}  // namespace strata

#pragma once
// The cache options strata-cli commands share (cache, generate): settings file, Redis endpoint
// and TTL overrides, and a FeatureCache whose warnings go to stderr.
#include "strata/app_settings.h"
#include "strata/feature_cache.h"

#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace strata::cli {

/// Adds --redis-host, --redis-port, --redis-db, --ttl, unless the command already has it
/// --settings FILE, and for commands that compute, --no-cache.
void addCacheOptions(QCommandLineParser& parser, bool addSettingsOption = true, bool addNoCacheOption = false);

/// The cache section of --settings (or the defaults), with the command-line overrides applied.
/// Prints the problem and returns nullopt (with *code) on a bad file or value.
std::optional<CacheSettings> cacheSettingsFrom(const QCommandLineParser& parser, int* code);

/// A cache that reports its warnings on stderr as they happen.
std::shared_ptr<FeatureCache> makeCliCache(const CacheSettings& settings);

/// Prints one line per cache lookup on stderr ("1h: cache hit (redis)", "aligned 1h: cache
/// miss (computed and stored in redis)"); safe from worker threads.
void announceCacheEvents(FeatureCache& cache);

}  // namespace strata::cli

#pragma once
// The cache options strata-cli commands share (cache, generate): settings file, Redis endpoint
// and TTL overrides, and a FeatureCache whose warnings go to stderr.
#include "strata/app_settings.h"
#include "strata/feature_cache.h"

#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace strata::cli {

/// Adds --redis-host, --redis-port, --redis-db, --ttl and, unless the command already has it,
/// --settings FILE.
void addCacheOptions(QCommandLineParser& parser, bool addSettingsOption = true);

/// The cache section of --settings (or the defaults), with the command-line overrides applied.
/// Prints the problem and returns nullopt (with *code) on a bad file or value.
std::optional<CacheSettings> cacheSettingsFrom(const QCommandLineParser& parser, int* code);

/// A cache that reports its warnings on stderr as they happen.
std::shared_ptr<FeatureCache> makeCliCache(const CacheSettings& settings);

}  // namespace strata::cli

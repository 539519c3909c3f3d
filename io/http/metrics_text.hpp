#pragma once

// Prometheus text exposition (format 0.0.4) of several sources at once: the
// runtime's registry, the HTTP server's, the process collector.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace prometheus {
class Collectable;
} // namespace prometheus

namespace switchboard::http {

/// The Content-Type of metrics_text()'s output.
inline constexpr std::string_view metrics_content_type
    = "text/plain; version=0.0.4";

/// What /metrics exposes; shared so the sources outlive every scrape.
using metric_sources
    = std::vector<std::shared_ptr<const prometheus::Collectable>>;

/// Collects every source (null entries skipped) and serialises the families
/// in order. Family names must be distinct across sources.
std::string metrics_text(const metric_sources& sources);

} // namespace switchboard::http

#include "io/http/metrics_text.hpp"

#include <iterator>
#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>
#include <prometheus/text_serializer.h>

namespace switchboard::http {

std::string metrics_text(const metric_sources& sources) {
  std::vector<prometheus::MetricFamily> families;
  for (auto& source : sources) {
    if (!source) continue;
    auto collected = source->Collect();
    families.insert(families.end(), std::make_move_iterator(collected.begin()),
                    std::make_move_iterator(collected.end()));
  }
  return prometheus::TextSerializer{}.Serialize(families);
}

} // namespace switchboard::http

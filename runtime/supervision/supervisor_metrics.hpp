#pragma once

// A supervisor's Prometheus figures:
//   switchboard_supervisor_restarts_total{supervisor, kind}  (counter)
//   switchboard_actors{kind}  live children of that kind, summed over every
//                             supervisor that uses the same registry (gauge)
// Without a registry every call is a no-op.

#include <string>
#include <unordered_map>

namespace prometheus {
class Counter;
class Gauge;
class Registry;
template <typename T>
class Family;
} // namespace prometheus

namespace switchboard {

class supervisor_metrics {
 public:
  supervisor_metrics() = default;

  supervisor_metrics(prometheus::Registry* registry, std::string supervisor);

  /// An instance of `kind` came up.
  void up(const std::string& kind);

  /// An instance of `kind` went down.
  void down(const std::string& kind);

  /// A child of `kind` was restarted.
  void restarted(const std::string& kind);

 private:
  struct per_kind {
    prometheus::Gauge* live;
    prometheus::Counter* restarts;
  };

  per_kind* lookup(const std::string& kind);

  std::string supervisor_;
  prometheus::Family<prometheus::Gauge>* actors_ = nullptr;
  prometheus::Family<prometheus::Counter>* restarts_ = nullptr;
  /// Cached per kind: Family::Add locks and hashes the label set.
  std::unordered_map<std::string, per_kind> kinds_;
};

} // namespace switchboard

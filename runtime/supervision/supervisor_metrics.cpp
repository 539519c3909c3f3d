#include "runtime/supervision/supervisor_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

namespace switchboard {

supervisor_metrics::supervisor_metrics(prometheus::Registry* registry,
                                       std::string supervisor)
    : supervisor_(std::move(supervisor)) {
  if (registry == nullptr) return;
  // The default registry merges families of the same name, so every
  // supervisor shares these two.
  actors_ = &prometheus::BuildGauge()
                 .Name("switchboard_actors")
                 .Help("Live supervised actors by kind")
                 .Register(*registry);
  restarts_ = &prometheus::BuildCounter()
                   .Name("switchboard_supervisor_restarts_total")
                   .Help("Child restarts by supervisor and kind")
                   .Register(*registry);
}

void supervisor_metrics::up(const std::string& kind) {
  if (auto m = lookup(kind)) m->live->Increment();
}

void supervisor_metrics::down(const std::string& kind) {
  if (auto m = lookup(kind)) m->live->Decrement();
}

void supervisor_metrics::restarted(const std::string& kind) {
  if (auto m = lookup(kind)) m->restarts->Increment();
}

supervisor_metrics::per_kind*
supervisor_metrics::lookup(const std::string& kind) {
  if (actors_ == nullptr) return nullptr;
  auto i = kinds_.find(kind);
  if (i == kinds_.end()) {
    per_kind m{&actors_->Add({{"kind", kind}}),
               &restarts_->Add({{"supervisor", supervisor_}, {"kind", kind}})};
    i = kinds_.emplace(kind, m).first;
  }
  return &i->second;
}

} // namespace switchboard

#include "io/http/queue_gauges.hpp"

#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

namespace switchboard::http {

struct queue_gauges::impl {
  std::shared_ptr<prometheus::Registry> registry
      = std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Gauge>& jobs
      = prometheus::BuildGauge()
            .Name("switchboard_queue_jobs")
            .Help("Jobs per queue and state (as GET /metrics/queues)")
            .Register(*registry);
  prometheus::Family<prometheus::Gauge>& paused
      = prometheus::BuildGauge()
            .Name("switchboard_queue_paused")
            .Help("Whether the queue is paused (1) or not (0)")
            .Register(*registry);

  void set(const std::string& queue, const char* state, uint64_t n) {
    jobs.Add({{"queue", queue}, {"state", state}}).Set(static_cast<double>(n));
  }
};

queue_gauges::queue_gauges() : impl_(std::make_shared<impl>()) {
  // nop
}

void queue_gauges::update(const std::vector<queue_figures>& figures) {
  for (const auto& q : figures) {
    impl_->set(q.name, "waiting", q.waiting);
    impl_->set(q.name, "active", q.active);
    impl_->set(q.name, "completed", q.completed);
    impl_->set(q.name, "failed", q.failed);
    impl_->set(q.name, "delayed", q.delayed);
    impl_->set(q.name, "dead", q.dead);
    impl_->paused.Add({{"queue", q.name}}).Set(q.paused ? 1.0 : 0.0);
  }
}

std::shared_ptr<const prometheus::Collectable> queue_gauges::registry() const {
  return impl_->registry;
}

} // namespace switchboard::http

#include "actors/queues/pool_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace switchboard {

namespace {

prometheus::Family<prometheus::Counter>&
finished_family(prometheus::Registry& r) {
  return prometheus::BuildCounter()
      .Name("switchboard_jobs_finished_total")
      .Help("Job attempts by queue and recorded outcome")
      .Register(r);
}

} // namespace

queue_pool_metrics::queue_pool_metrics(prometheus::Registry* registry,
                                       const std::string& queue)
    : registry_(registry), queue_(queue) {
  if (registry == nullptr) return;
  // From 1 ms to 10 min: noop jobs to video transcodes.
  prometheus::Histogram::BucketBoundaries bounds{
      0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600};
  duration_ = &prometheus::BuildHistogram()
                   .Name("switchboard_job_attempt_seconds")
                   .Help("Handler time of job attempts by queue")
                   .Register(*registry)
                   .Add({{"queue", queue}}, bounds);
  active_ = &prometheus::BuildGauge()
                 .Name("switchboard_queue_active_jobs")
                 .Help("Jobs a queue's pools run now")
                 .Register(*registry)
                 .Add({{"queue", queue}});
}

void queue_pool_metrics::finished(const char* outcome, double n) {
  if (registry_ == nullptr || n <= 0) return;
  finished_family(*registry_)
      .Add({{"queue", queue_}, {"outcome", outcome}})
      .Increment(n);
}

void queue_pool_metrics::attempt_took(double seconds) {
  if (duration_ != nullptr) duration_->Observe(seconds);
}

void queue_pool_metrics::active(double n) {
  if (active_ != nullptr) active_->Set(n);
}

} // namespace switchboard

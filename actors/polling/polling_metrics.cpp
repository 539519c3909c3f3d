#include "actors/polling/polling_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace switchboard::polling {

struct polling_metrics::impl {
  prometheus::Family<prometheus::Gauge>& pollers;
  prometheus::Family<prometheus::Counter>& polls;
  prometheus::Family<prometheus::Histogram>& duration;
  prometheus::Family<prometheus::Counter>& messages;
  prometheus::Family<prometheus::Counter>& rate_limits;
};

polling_metrics::polling_metrics(prometheus::Registry* registry) {
  if (!registry) return;
  using namespace prometheus;
  impl_.reset(new impl{
      BuildGauge()
          .Name("switchboard_polling_pollers")
          .Help("Account pollers by phase (waiting, active, delayed, parked)")
          .Register(*registry),
      BuildCounter()
          .Name("switchboard_polls_total")
          .Help("Ended polls by platform and outcome")
          .Register(*registry),
      BuildHistogram()
          .Name("switchboard_poll_duration_seconds")
          .Help("Duration of completed polls, retries included")
          .Register(*registry),
      BuildCounter()
          .Name("switchboard_polled_messages_total")
          .Help("New messages stored by polls")
          .Register(*registry),
      BuildCounter()
          .Name("switchboard_polling_rate_limit_hits_total")
          .Help("Rate limits hit by polls, per platform")
          .Register(*registry)});
}

polling_metrics::~polling_metrics() = default;

void polling_metrics::record(const poller_event& ev,
                             const polling_stats_table& table) {
  if (!impl_) return;
  for (auto phase : {poller_phase::waiting, poller_phase::active,
                     poller_phase::delayed, poller_phase::parked})
    impl_->pollers.Add({{"phase", to_string(phase)}})
        .Set(static_cast<double>(table.count(phase)));
  if (ev.outcome == poll_outcome::none) return;
  impl_->polls
      .Add({{"platform", ev.platform}, {"outcome", to_string(ev.outcome)}})
      .Increment();
  if (ev.outcome == poll_outcome::rate_limited)
    impl_->rate_limits.Add({{"platform", ev.platform}}).Increment();
  if (ev.outcome != poll_outcome::completed) return;
  static const prometheus::Histogram::BucketBoundaries buckets{
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  impl_->duration.Add({{"platform", ev.platform}}, buckets)
      .Observe(static_cast<double>(ev.duration_us) / 1e6);
  impl_->messages.Add({{"platform", ev.platform}})
      .Increment(static_cast<double>(ev.messages));
}

} // namespace switchboard::polling

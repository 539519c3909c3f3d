#include "io/http/client/http_client.hpp"

#include <boost/asio/io_context.hpp>
#include <string>
#include <unordered_map>

#include "io/http/client/client_url.hpp"
#include "io/http/client/error_mapping.hpp"
#include "io/http/client/host_pool.hpp"
#include "io/http/client/tls_setup.hpp"
#include "io/http/client/wire_request.hpp"

namespace switchboard::http::client {

namespace {

std::chrono::milliseconds or_default(uint32_t value, uint32_t fallback) {
  return std::chrono::milliseconds(value != 0 ? value : fallback);
}

} // namespace

struct http_client::impl {
  impl(boost::asio::io_context& context, const http_client_settings& settings,
       prometheus::Registry* registry)
      : context(context), settings(settings),
        shared(
            std::make_shared<pool_shared>(make_tls_context(settings.ca_file))) {
    if (registry) shared->metrics = std::make_unique<client_metrics>(*registry);
  }

  host_pool& pool_for(const client_url& url, bool verify) {
    auto key = url.origin();
    if (url.tls && !verify) key += "#noverify";
    auto i = pools.find(key);
    if (i == pools.end()) {
      pool_limits limits{settings.max_connections_per_host,
                         settings.max_queue_per_host,
                         std::chrono::milliseconds(settings.idle_timeout_ms)};
      auto pool = std::make_shared<host_pool>(
          context, pool_target{url, !url.tls || verify}, limits, shared);
      i = pools.emplace(std::move(key), std::move(pool)).first;
    }
    return *i->second;
  }

  std::shared_ptr<exchange> make_exchange(const http_request& request,
                                          const client_url& url,
                                          completion done) {
    auto job = std::make_shared<exchange>();
    job->request = build_wire_request(request, url);
    job->origin = url.origin();
    job->idempotent = is_idempotent_method(request.method);
    job->head = request.method == "HEAD";
    job->started = steady_clock::now();
    job->total_deadline
        = job->started
          + or_default(request.total_timeout_ms, settings.total_timeout_ms);
    job->connect_timeout
        = or_default(request.connect_timeout_ms, settings.connect_timeout_ms);
    job->read_timeout
        = or_default(request.read_timeout_ms, settings.read_timeout_ms);
    job->max_response_bytes = request.max_response_bytes != 0
                                  ? request.max_response_bytes
                                  : settings.max_response_bytes;
    job->done = std::move(done);
    job->metrics = shared->metrics.get();
    return job;
  }

  boost::asio::io_context& context;
  http_client_settings settings;
  std::shared_ptr<pool_shared> shared;
  std::unordered_map<std::string, std::shared_ptr<host_pool>> pools;
};

http_client::http_client(boost::asio::io_context& context,
                         const http_client_settings& settings,
                         prometheus::Registry* registry)
    : impl_(std::make_unique<impl>(context, settings, registry)) {
}

http_client::~http_client() = default;

void http_client::submit(const http_request& request, completion done) {
  auto url = parse_client_url(request.url, request.query);
  if (!url) return done(url.error());
  if (auto err = check_request(request)) return done(std::move(err));
  auto job = impl_->make_exchange(request, *url, std::move(done));
  impl_->pool_for(*url, request.verify_tls).submit(std::move(job));
}

const client_counters& http_client::counters() const noexcept {
  return impl_->shared->counters;
}

void http_client::close_idle() {
  for (auto& entry : impl_->pools)
    entry.second->close_idle();
}

} // namespace switchboard::http::client

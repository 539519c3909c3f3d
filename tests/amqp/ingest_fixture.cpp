#include "tests/amqp/ingest_fixture.hpp"

#include <pqxx/pqxx>
#include <stdexcept>

#include <caf/after.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>

namespace switchboard::test {

namespace {

int test_number = 0;

} // namespace

ingest_fixture::ingest_fixture() : broker(rabbitmq_harness::get()) {
  auto n = std::to_string(++test_number);
  topo.exchange = "sb_test_" + n;
  topo.queue = "sb_jobs_" + n;
  topo.bindings = {"media.*", "notification.*", "cleanup.*", "other.*"};
  auto opts = test_pool_options(jobs_database::conninfo);
  // A request fails soon while PostgreSQL is down (the default waits 5 s).
  opts.settings.request_deadline_ms = 300;
  start_pool(std::move(opts));
}

ingest_fixture::~ingest_fixture() {
  try {
    if (ingest) stop_ingest();
  } catch (const std::exception&) {
    // The pool goes down next anyway.
  }
}

io::amqp::consumer_options ingest_fixture::consumer_options() const {
  io::amqp::consumer_options result;
  result.broker = *io::amqp::parse_endpoint(broker.url());
  result.topo = topo;
  result.prefetch = 500;
  result.heartbeat = std::chrono::seconds{10};
  result.timeout = std::chrono::seconds{5};
  return result;
}

amqp_ingest_options ingest_fixture::ingest_options() {
  amqp_ingest_options result;
  result.batch_max = 200;
  result.batch_delay = std::chrono::milliseconds{2};
  result.backoff = exponential_backoff(std::chrono::milliseconds{20}, 2.0,
                                       std::chrono::milliseconds{200});
  auto db = pool;
  result.database = [db] {
    return db;
  };
  auto copts = consumer_options();
  result.make_link = [copts](caf::actor sink) {
    return std::make_unique<io::amqp::consumer>(copts, std::move(sink));
  };
  return result;
}

void ingest_fixture::start_ingest(amqp_ingest_options opts) {
  ingest = spawn_amqp_ingest(sys, std::move(opts));
  if (!wait_for(
          [](const amqp_ingest_stats& s) {
            return s.connected;
          },
          std::chrono::seconds(10)))
    throw std::runtime_error("ingest_fixture: the ingest did not connect");
}

void ingest_fixture::stop_ingest() {
  self->monitor(ingest);
  caf::anon_send_exit(ingest, caf::exit_reason::user_shutdown);
  bool down = false;
  self->receive(
      [&](caf::down_msg&) {
        down = true;
      },
      caf::after(std::chrono::seconds(30)) >> [] {});
  if (!down)
    throw std::runtime_error("ingest_fixture: the ingest did not stop");
  ingest = nullptr;
}

amqp_ingest_stats ingest_fixture::stats() {
  amqp_ingest_stats result;
  self->request(ingest, std::chrono::seconds(5), caf::get_atom_v, stats_atom_v)
      .receive(
          [&](amqp_ingest_stats& s) {
            result = s;
          },
          [&](caf::error&) {
            throw std::runtime_error("ingest_fixture: no stats");
          });
  return result;
}

std::unique_ptr<io::amqp::connection> ingest_fixture::publisher() {
  auto result = std::make_unique<io::amqp::connection>(
      *io::amqp::parse_endpoint(broker.url()), std::chrono::seconds{0},
      std::chrono::seconds{5});
  result->declare(topo);
  result->enable_confirms();
  return result;
}

void ingest_fixture::publish(const std::vector<io::amqp::outgoing>& msgs) {
  auto pub = publisher();
  for (const auto& msg : msgs)
    pub->publish(msg);
  pub->wait_for_confirms(std::chrono::seconds{30});
}

io::amqp::outgoing ingest_fixture::message(std::string routing_key,
                                           std::string body,
                                           std::string message_id) const {
  io::amqp::outgoing result;
  result.exchange = topo.exchange;
  result.routing_key = std::move(routing_key);
  result.body = std::move(body);
  result.message_id = std::move(message_id);
  return result;
}

int64_t ingest_fixture::count_jobs(const std::string& where) {
  // A connection of its own: a test may have restarted PostgreSQL.
  pqxx::connection c{jobs_database::conninfo};
  pqxx::read_transaction tx{c};
  return tx.exec1("SELECT count(*) FROM jobs WHERE " + where)[0].as<int64_t>();
}

} // namespace switchboard::test

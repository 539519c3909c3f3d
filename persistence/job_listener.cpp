#include "persistence/job_listener.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <set>
#include <stdexcept>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/spawn_options.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "persistence/jobs_repo.hpp"
#include "persistence/log.hpp"

namespace switchboard::persistence {

namespace {

// Collects the queue names of the notifications of one wait.
class wake_receiver : public pqxx::notification_receiver {
 public:
  wake_receiver(pqxx::connection_base& conn, std::set<std::string>& sink)
      : pqxx::notification_receiver(conn, jobs_repo::notify_channel),
        sink_(sink) {
  }

  void operator()(const std::string& payload, int) override {
    sink_.insert(payload);
  }

 private:
  std::set<std::string>& sink_;
};

struct listener_state {
  static inline const char* name = "job_listener";

  job_listener_options opts;
  // Declared before the receiver: destroyed after it.
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<wake_receiver> receiver;
  std::set<std::string> notified;
  std::map<std::string, std::vector<caf::actor>> subscribers;
  uint32_t failures = 0;

  void disconnect() {
    receiver.reset();
    conn.reset();
  }

  void wake(const std::string& queue) {
    auto i = subscribers.find(queue);
    if (i == subscribers.end()) return;
    for (auto& pool : i->second)
      caf::anon_send(pool, wake_atom_v);
  }

  void wake_all() {
    for (auto& [queue, pools] : subscribers)
      for (auto& pool : pools)
        caf::anon_send(pool, wake_atom_v);
  }

  void forget(const caf::actor_addr& who) {
    for (auto& [queue, pools] : subscribers)
      pools.erase(std::remove_if(pools.begin(), pools.end(),
                                 [&](const caf::actor& x) {
                                   return x.address() == who;
                                 }),
                  pools.end());
  }
};

using listener_pointer = job_listener_actor::stateful_pointer<listener_state>;

void schedule_reconnect(listener_pointer self, const std::string& why) {
  auto& st = self->state;
  st.disconnect();
  ++st.failures;
  auto wait = st.opts.reconnect_delay(st.failures);
  db_log()->warn(
      "job listener: {}; reconnecting in {} ms", why,
      std::chrono::duration_cast<std::chrono::milliseconds>(wait).count());
  self->delayed_send(self, wait, connect_atom_v);
}

void connect(listener_pointer self) {
  auto& st = self->state;
  try {
    st.conn = std::make_unique<pqxx::connection>(st.opts.conninfo);
    st.receiver = std::make_unique<wake_receiver>(*st.conn, st.notified);
    // LISTEN is sent lazily by libpqxx; a first wait makes it take effect
    // before pools are told to look.
    st.conn->get_notifs();
  } catch (const std::exception& e) {
    return schedule_reconnect(self, "cannot listen");
  }
  if (st.failures > 0)
    db_log()->info("job listener: reconnected after {} attempts", st.failures);
  st.failures = 0;
  st.wake_all();
  self->send(self, listen_atom_v);
}

void listen_step(listener_pointer self) {
  auto& st = self->state;
  if (!st.conn) return;
  auto step = st.opts.wait_step;
  try {
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(step);
    auto usecs
        = std::chrono::duration_cast<std::chrono::microseconds>(step - secs);
    st.conn->await_notification(secs.count(), usecs.count());
  } catch (const std::exception&) {
    return schedule_reconnect(self, "connection lost");
  }
  for (auto& queue : st.notified)
    st.wake(queue);
  st.notified.clear();
  self->send(self, listen_atom_v);
}

job_listener_actor::behavior_type job_listener(listener_pointer self,
                                               job_listener_options opts) {
  if (!opts.reconnect_delay)
    throw std::invalid_argument("job listener without a reconnect delay");
  self->state.opts = std::move(opts);
  self->set_down_handler([self](const caf::down_msg& msg) {
    self->state.forget(msg.source);
  });
  self->send(self, connect_atom_v);
  return {
      [self](subscribe_atom, const std::string& queue, caf::actor pool) {
        self->monitor(pool);
        // A NOTIFY read before this subscription was not forwarded to the
        // pool: it looks once more now that none can be missed (a job
        // enqueued between the pool's first look and this point would
        // otherwise wait for the next NOTIFY of its queue, maybe forever).
        caf::anon_send(pool, wake_atom_v);
        self->state.subscribers[queue].push_back(std::move(pool));
      },
      [self](listen_atom) {
        listen_step(self);
      },
      [self](connect_atom) {
        if (!self->state.conn) connect(self);
      },
  };
}

} // namespace

job_listener_actor spawn_job_listener(caf::actor_system& sys,
                                      job_listener_options opts) {
  return sys.spawn<caf::detached>(job_listener, std::move(opts));
}

} // namespace switchboard::persistence

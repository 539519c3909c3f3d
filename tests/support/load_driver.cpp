#include "tests/support/load_driver.hpp"

#include <memory>
#include <spdlog/spdlog.h>

#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "messages/error.hpp"

namespace switchboard::test {

namespace {

struct tally {
  uint32_t expected = 0;
  uint32_t ok = 0;
  uint32_t failed = 0;
  caf::error first_error;
};

// Counts one answer; reports and quits after the last.
void count(caf::event_based_actor* self, tally& t, const caf::actor& report_to,
           const caf::error* err) {
  if (err) {
    ++t.failed;
    if (!t.first_error) t.first_error = *err;
  } else {
    ++t.ok;
  }
  if (t.ok + t.failed < t.expected) return;
  if (t.first_error)
    spdlog::error("load driver: {} of {} failed, first: {}", t.failed,
                  t.expected, render(t.first_error));
  caf::anon_send(report_to, t.ok, t.failed);
  self->quit();
}

template <class Handle, class Atom, class Make, class Reply>
caf::actor spawn_driver(caf::actor_system& sys, Handle target, Atom atom,
                        uint32_t first, uint32_t n, Make make,
                        caf::actor report_to, caf::timespan timeout, Reply) {
  return sys.spawn([=](caf::event_based_actor* self) -> caf::behavior {
    auto t = std::make_shared<tally>();
    t->expected = n;
    for (auto i = first; i < first + n; ++i)
      self->request(target, timeout, atom, make(i))
          .then(
              [=](Reply&) {
                count(self, *t, report_to, nullptr);
              },
              [=](caf::error& err) {
                count(self, *t, report_to, &err);
              });
    // Lives until the last answer; it takes no messages of its own.
    return {[](caf::unit_t) {}};
  });
}

} // namespace

caf::actor spawn_task_driver(caf::actor_system& sys, database_actor pool,
                             uint32_t first, uint32_t count,
                             std::function<db_task(uint32_t)> make,
                             caf::actor report_to, caf::timespan timeout) {
  return spawn_driver(sys, pool, exec_atom_v, first, count, make, report_to,
                      timeout, db_reply{});
}

caf::actor spawn_row_driver(caf::actor_system& sys, batch_writer_actor writer,
                            uint32_t first, uint32_t count,
                            std::function<db_row(uint32_t)> make,
                            caf::actor report_to, caf::timespan timeout) {
  return spawn_driver(sys, writer, caf::put_atom_v, first, count, make,
                      report_to, timeout, db_batch_result{});
}

} // namespace switchboard::test

#pragma once

// The caller's side of the database actor. A domain actor writes its query
// as a function of the connection and gets the result back in its own
// context:
//
//   db_request(self, db, "count accounts",
//              [](pqxx::connection_base& conn) {
//                pqxx::read_transaction tx{conn};
//                return tx.exec1("SELECT count(*) FROM accounts")[0]
//                  .as<int64_t>();
//              },
//              [=](int64_t n) { ... },
//              [=](const caf::error& err) { ... });
//
// The function runs on a pool connection (a different thread): it must open
// its own transaction, capture only copies, and may return any copyable
// value (or nothing). Values with a CAF type ID travel as they are; others
// are boxed for the local trip. Every request has a finite timeout.

#include <any>
#include <chrono>
#include <string>
#include <type_traits>
#include <utility>

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/expected.hpp>
#include <caf/message.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/timespan.hpp>
#include <caf/type_id.hpp>

#include "messages/database.hpp"
#include "messages/error.hpp"

namespace switchboard::persistence {

/// A value without a CAF type ID, boxed for its local trip to the caller.
struct db_value_box {
  std::any value;
};

} // namespace switchboard::persistence

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(switchboard::persistence::db_value_box)

namespace switchboard::persistence {

/// How long a caller waits by default: longer than the pool's own request
/// deadline, so the pool's answer (db_timeout) normally comes first.
constexpr caf::timespan default_db_timeout = std::chrono::seconds(30);

struct db_request_options {
  caf::timespan timeout = default_db_timeout;
  /// See db_task::idempotent.
  bool idempotent = false;
};

/// The type a task function returns.
template <class F>
using db_result_t = std::invoke_result_t<F&, pqxx::connection_base&>;

/// Wraps a value for db_reply.
template <class T>
caf::message to_db_message(T&& value) {
  using value_type = std::decay_t<T>;
  if constexpr (caf::has_type_id<value_type>::value) {
    return caf::make_message(std::forward<T>(value));
  } else {
    static_assert(std::is_copy_constructible_v<value_type>,
                  "a database task must return a copyable value");
    return caf::make_message(db_value_box{std::forward<T>(value)});
  }
}

/// Takes the value of type T out of a db_reply's message.
template <class T>
caf::expected<T> from_db_message(caf::message& msg) {
  if constexpr (caf::has_type_id<T>::value) {
    if (msg.match_elements<T>()) return std::move(msg.get_mutable_as<T>(0));
  } else {
    if (msg.match_elements<db_value_box>())
      if (auto* ptr
          = std::any_cast<T>(&msg.get_mutable_as<db_value_box>(0).value))
        return std::move(*ptr);
  }
  return caf::make_error(errc::internal, "unexpected database reply type");
}

/// Makes a db_task from a function of the connection.
template <class F>
db_task make_db_task(std::string label, F fn, bool idempotent = false) {
  using result_type = db_result_t<F>;
  auto run = [fn = std::move(fn)](pqxx::connection_base& conn) mutable {
    if constexpr (std::is_void_v<result_type>) {
      fn(conn);
      return caf::message{};
    } else {
      return to_db_message(fn(conn));
    }
  };
  return db_task{std::move(run), std::move(label), idempotent};
}

/// Runs `fn` through the database actor and calls `on_ok(value)` (or
/// `on_ok()` for a void function) or `on_error(caf::error)` in `self`.
template <class Self, class F, class OnOk, class OnError>
void db_request(Self* self, const database_actor& db, std::string label, F fn,
                OnOk on_ok, OnError on_error, db_request_options opts = {}) {
  using result_type = db_result_t<F>;
  auto task = make_db_task(std::move(label), std::move(fn), opts.idempotent);
  self->request(db, opts.timeout, exec_atom_v, std::move(task))
      .then(
          [on_ok, on_error](db_reply& reply) mutable {
            if constexpr (std::is_void_v<result_type>) {
              on_ok();
            } else {
              auto value = from_db_message<result_type>(reply.value);
              if (value)
                on_ok(std::move(*value));
              else
                on_error(value.error());
            }
          },
          [on_error](caf::error& err) mutable {
            on_error(err);
          });
}

/// Blocking variant for code outside actors (command line tools, tests):
/// waits for the answer of `fn` run through the database actor.
template <class F>
caf::expected<db_result_t<F>>
db_call(caf::scoped_actor& self, const database_actor& db, std::string label,
        F fn, db_request_options opts = {}) {
  using result_type = db_result_t<F>;
  auto task = make_db_task(std::move(label), std::move(fn), opts.idempotent);
  caf::expected<result_type> result{
      caf::make_error(errc::internal, "no database reply")};
  self->request(db, opts.timeout, exec_atom_v, std::move(task))
      .receive(
          [&](db_reply& reply) {
            if constexpr (std::is_void_v<result_type>)
              result = caf::expected<void>{};
            else
              result = from_db_message<result_type>(reply.value);
          },
          [&](caf::error& err) {
            result = std::move(err);
          });
  return result;
}

} // namespace switchboard::persistence

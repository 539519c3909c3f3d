#include "persistence/db_connection.hpp"

#include <cstdlib>
#include <cxxabi.h>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <typeinfo>

#include <caf/blocking_actor.hpp>
#include <caf/exit_reason.hpp>

#include "messages/error.hpp"
#include "persistence/db_failure.hpp"
#include "persistence/log.hpp"

namespace switchboard::persistence {

namespace {

// Routes server notices ("relation already exists, skipping") to the log
// instead of libpqxx's default of printing them on stderr.
class notice_logger : public pqxx::errorhandler {
 public:
  using pqxx::errorhandler::errorhandler;

  bool operator()(const char msg[]) noexcept override {
    try {
      db_log()->debug("postgres: {}", first_line(msg));
    } catch (...) {
      // Logging must never break a query.
    }
    return false;
  }

  static std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
  }
};

// The connection and its notice handler; the handler goes first.
struct session {
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<notice_logger> notices;
};

std::string type_name_of(const std::exception& e) {
  int status = 0;
  auto* name = abi::__cxa_demangle(typeid(e).name(), nullptr, nullptr, &status);
  std::string result = status == 0 && name ? name : typeid(e).name();
  std::free(name);
  return result;
}

db_outcome fail(caf::error err) {
  return db_outcome{caf::message{}, std::move(err), false, false};
}

db_outcome lost_connection() {
  return db_outcome{caf::message{}, caf::error{}, true, true};
}

// The commit may or may not have happened. Idempotent work runs again;
// anything else is reported, since running it twice could do harm.
db_outcome commit_in_doubt(const db_task& task) {
  if (task.idempotent) return lost_connection();
  db_log()->error("database task '{}': connection lost during commit; "
                  "its outcome is unknown",
                  task.label);
  return db_outcome{caf::message{},
                    caf::make_error(errc::db_unavailable, task.label,
                                    "commit outcome unknown"),
                    false, true};
}

db_outcome query_failed(const db_task& task, const std::string& sqlstate) {
  db_log()->warn("database task '{}' failed: sqlstate {} ({})", task.label,
                 sqlstate, sqlstate_name(sqlstate));
  return fail(caf::make_error(errc::db_query_failed, task.label, sqlstate));
}

db_outcome on_sql_error(pqxx::connection_base& conn, const db_task& task,
                        const pqxx::sql_error& e) {
  switch (classify_sql_error(e.sqlstate(), e.query(), conn.is_open())) {
  case failure_kind::connection_lost: return lost_connection();
  case failure_kind::commit_in_doubt: return commit_in_doubt(task);
  case failure_kind::query_failed: break;
  }
  return query_failed(task, e.sqlstate());
}

db_outcome internal_failure(const db_task& task, const std::string& what) {
  // Only the exception's type: its message may quote values.
  db_log()->error("database task '{}' threw {}", task.label, what);
  return fail(caf::make_error(errc::internal, task.label, what));
}

caf::result<caf::ok_atom> connect(session& s,
                                  const db_connection_options& opts) {
  s = session{};
  try {
    auto conn = std::make_unique<pqxx::connection>(opts.conninfo);
    auto notices = std::make_unique<notice_logger>(*conn);
    for (auto& stmt : opts.statements)
      conn->prepare(stmt.name, stmt.sql);
    if (opts.on_connect) opts.on_connect(*conn);
    s = session{std::move(conn), std::move(notices)};
    return caf::ok_atom_v;
  } catch (const pqxx::sql_error& e) {
    db_log()->error("database: preparing a connection failed: sqlstate {} "
                    "({})",
                    e.sqlstate(), sqlstate_name(e.sqlstate()));
    return caf::make_error(errc::db_query_failed, "connect", e.sqlstate());
  } catch (const std::exception& e) {
    // libpq's first line says why ("connection refused", "no such file");
    // it never contains the password.
    return caf::make_error(errc::db_unavailable,
                           notice_logger::first_line(e.what()));
  }
}

db_outcome exec(session& s, const db_task& task) {
  if (!s.conn) return lost_connection();
  auto outcome = run_task(*s.conn, task);
  if (outcome.connection_lost) s = session{};
  return outcome;
}

} // namespace

db_outcome run_task(pqxx::connection_base& conn, const db_task& task) {
  try {
    return db_outcome{task.run(conn), caf::error{}, false, false};
  } catch (const pqxx::in_doubt_error&) {
    return commit_in_doubt(task);
  } catch (const pqxx::broken_connection&) {
    return lost_connection();
  } catch (const pqxx::sql_error& e) {
    return on_sql_error(conn, task, e);
  } catch (const pqxx::statement_completion_unknown&) {
    return commit_in_doubt(task);
  } catch (const pqxx::deadlock_detected&) {
    return query_failed(task, "40P01");
  } catch (const pqxx::transaction_rollback&) {
    return query_failed(task, "40001");
  } catch (const std::exception& e) {
    return internal_failure(task, type_name_of(e));
  } catch (...) {
    return internal_failure(task, "a non-standard exception");
  }
}

void db_connection(caf::blocking_actor* self, db_connection_options opts) {
  session s;
  bool running = true;
  self->receive_while(running)(
      [&](caf::connect_atom) {
        return connect(s, opts);
      },
      [&](exec_atom, const db_task& task) {
        return exec(s, task);
      },
      [&](caf::exit_msg&) {
        running = false;
      });
}

} // namespace switchboard::persistence

#define CAF_SUITE polling_db.messages
#include <chrono>
#include <pqxx/pqxx>
#include <set>
#include <stdexcept>

#include "caf/test/unit_test.hpp"

#include "persistence/accounts_repo.hpp"
#include "persistence/polled_messages_repo.hpp"
#include "persistence/polling_rows.hpp"
#include "tests/polling_db/polling_database.hpp"
#include "tests/support/throws.hpp"

using namespace switchboard;
using namespace switchboard::persistence;
using namespace std::chrono_literals;
using switchboard::test::contains;
using switchboard::test::throws;

namespace {

const caf::timestamp t0 = caf::timestamp{std::chrono::seconds{1772368496}};

polled_message message(const std::string& id, caf::timestamp sent,
                       const std::string& body = {}) {
  polled_message m;
  m.platform_message_id = id;
  m.conversation_id = "conv-1";
  m.sender = "sender-1";
  m.body.value = body.empty() ? "body of message " + id : body;
  m.sent_at = sent;
  return m;
}

poll_result result(const std::string& account, std::vector<polled_message> ms,
                   const std::string& cursor) {
  poll_result r;
  r.account_id = account;
  r.messages = std::move(ms);
  r.cursor = cursor;
  r.polled_at = t0;
  r.next_poll_at = t0 + 60s;
  return r;
}

struct fixture : test::polling_database {
  std::vector<poll_stored> store(std::vector<poll_result> results) {
    return polled_messages_repo::record_polls(conn, ring, results);
  }

  std::string cursor_of(const std::string& account) {
    return accounts_repo::get(conn, account)->cursor;
  }

  size_t stored(const std::string& account) {
    return polled_messages_repo::count(conn, account);
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(messages_tests, fixture)

CAF_TEST(a poll stores its messages and advances the cursor) {
  connect("acc-1");
  auto out = store({result(
      "acc-1", {message("101", t0 - 2s), message("102", t0 - 1s)}, "102")});
  CAF_REQUIRE_EQUAL(out.size(), 1u);
  CAF_CHECK(out[0].found);
  CAF_CHECK_EQUAL(out[0].inserted, 2u);
  CAF_CHECK_EQUAL(out[0].duplicates, 0u);
  CAF_CHECK_EQUAL(out[0].cursor, "102");
  auto acc = accounts_repo::get(conn, "acc-1");
  CAF_REQUIRE(acc.has_value());
  CAF_CHECK_EQUAL(acc->cursor, "102");
  auto polled = acc->last_polled_at;
  auto next = acc->next_poll_at;
  CAF_REQUIRE(polled);
  CAF_REQUIRE(next);
  CAF_CHECK_EQUAL(*polled, t0);
  CAF_CHECK_EQUAL(*next, t0 + 60s);
  auto page = polled_messages_repo::list(conn, ring, "acc-1", "", 10);
  CAF_REQUIRE_EQUAL(page.messages.size(), 2u);
  CAF_CHECK_EQUAL(page.messages[0].platform_message_id, "102");
  CAF_CHECK_EQUAL(page.messages[0].body.value, "body of message 102");
  CAF_CHECK_EQUAL(page.messages[0].platform, "twitter");
  CAF_CHECK_EQUAL(page.messages[0].sender, "sender-1");
  CAF_CHECK_EQUAL(page.messages[0].conversation_id, "conv-1");
  CAF_CHECK_EQUAL(page.messages[0].sent_at, t0 - 1s);
  CAF_CHECK_EQUAL(page.messages[1].platform_message_id, "101");
  CAF_CHECK(page.next_cursor.empty());
}

CAF_TEST(no body is stored in plaintext) {
  connect("acc-1");
  store({result("acc-1",
                {message("1", t0, "the quick brown fox"),
                 message("2", t0, "jumps over the lazy dog")},
                "2")});
  pqxx::read_transaction tx{conn};
  // Every column of every message row, as text and as raw bytes.
  for (auto row : tx.exec("SELECT m::text, content_enc FROM messages m")) {
    auto text = row[0].as<std::string>();
    auto raw = polling_detail::bytes_of(row[1]);
    for (auto word : {"quick brown", "lazy dog"}) {
      CAF_CHECK(!contains(text, word));
      CAF_CHECK(!contains(raw, word));
    }
  }
}

CAF_TEST(a message already stored is not stored again) {
  connect("acc-1");
  auto batch = result("acc-1", {message("1", t0), message("2", t0)}, "2");
  store({batch});
  auto again = store({batch});
  CAF_CHECK_EQUAL(again[0].inserted, 0u);
  CAF_CHECK_EQUAL(again[0].duplicates, 2u);
  // Twice within one batch, and overlapping with stored ones.
  auto overlap = store({result(
      "acc-1", {message("2", t0), message("3", t0), message("3", t0)}, "3")});
  CAF_CHECK_EQUAL(overlap[0].inserted, 1u);
  CAF_CHECK_EQUAL(overlap[0].duplicates, 2u);
  CAF_CHECK_EQUAL(stored("acc-1"), 3u);
}

CAF_TEST(the same platform id of two accounts is two messages) {
  connect("acc-1");
  connect("acc-2");
  auto out = store({result("acc-2", {message("1", t0)}, "1"),
                    result("acc-1", {message("1", t0)}, "1")});
  CAF_REQUIRE_EQUAL(out.size(), 2u);
  CAF_CHECK_EQUAL(out[0].account_id, "acc-1");
  CAF_CHECK_EQUAL(out[0].inserted, 1u);
  CAF_CHECK_EQUAL(out[1].inserted, 1u);
}

CAF_TEST(the cursor never moves backwards) {
  connect("acc-1");
  store({result("acc-1", {}, "1500")});
  CAF_CHECK_EQUAL(cursor_of("acc-1"), "1500");
  store({result("acc-1", {}, "999")}); // shorter: older
  CAF_CHECK_EQUAL(cursor_of("acc-1"), "1500");
  store({result("acc-1", {}, "1499")});
  CAF_CHECK_EQUAL(cursor_of("acc-1"), "1500");
  store({result("acc-1", {}, "")}); // none: keep
  CAF_CHECK_EQUAL(cursor_of("acc-1"), "1500");
  store({result("acc-1", {}, "1501")});
  CAF_CHECK_EQUAL(cursor_of("acc-1"), "1501");
  store({result("acc-1", {}, "10000")});
  CAF_CHECK_EQUAL(cursor_of("acc-1"), "10000");
  // Within one batch the newest wins, whatever the order.
  store({result("acc-1", {}, "20002"), result("acc-1", {}, "20001")});
  CAF_CHECK_EQUAL(cursor_of("acc-1"), "20002");
}

CAF_TEST(the SQL and the C++ cursor rules agree) {
  std::vector<std::string> cursors{"",     "0",     "9",    "10",
                                   "99",   "100",   "1499", "1500",
                                   "1501", "20001", "20002"};
  pqxx::read_transaction tx{conn};
  auto sql = "SELECT coalesce("
             + polling_detail::newer_cursor_sql("$1::text", "NULLIF($2, '')")
             + ", '')";
  for (auto& candidate : cursors)
    for (auto& current : cursors) {
      auto in_sql
          = tx.exec_params1(sql, candidate, current)[0].as<std::string>();
      auto newer = polling_detail::newer_cursor(candidate, current);
      CAF_CHECK_EQUAL(in_sql, newer ? candidate : current);
    }
}

CAF_TEST(the cursor advances only together with the messages) {
  connect("acc-1");
  store({result("acc-1", {message("1", t0)}, "1")});
  // A message the database refuses fails the whole batch.
  exec(R"sql(
    CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.platform_message_id = 'poison' THEN
        RAISE EXCEPTION 'poisoned';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_poison BEFORE INSERT ON messages
      FOR EACH ROW EXECUTE FUNCTION refuse_poison();)sql");
  CAF_CHECK(throws<pqxx::sql_error>([&] {
    store({result("acc-1", {message("2", t0), message("poison", t0)}, "3")});
  }));
  CAF_CHECK_EQUAL(cursor_of("acc-1"), "1");
  CAF_CHECK_EQUAL(stored("acc-1"), 1u);
  auto polled = accounts_repo::get(conn, "acc-1")->last_polled_at;
  CAF_REQUIRE(polled);
  CAF_CHECK_EQUAL(*polled, t0);
}

CAF_TEST(results of unknown accounts store nothing) {
  connect("acc-1");
  auto out = store({result("ghost", {message("1", t0)}, "1"),
                    result("acc-1", {message("1", t0)}, "1")});
  CAF_REQUIRE_EQUAL(out.size(), 2u);
  CAF_CHECK(out[0].found);
  CAF_CHECK_EQUAL(out[1].account_id, "ghost");
  CAF_CHECK(!out[1].found);
  CAF_CHECK_EQUAL(out[1].inserted, 0u);
  CAF_CHECK_EQUAL(exec("SELECT count(*) FROM messages")[0][0].as<int>(), 1);
}

CAF_TEST(a message without a platform id is refused) {
  connect("acc-1");
  CAF_CHECK(throws<std::invalid_argument>([&] {
    store({result("acc-1", {message("", t0)}, "")});
  }));
  CAF_CHECK_EQUAL(stored("acc-1"), 0u);
}

CAF_TEST(a big batch spans several statements) {
  connect("acc-1");
  std::vector<polled_message> many;
  for (int i = 0; i < 20000; ++i)
    many.push_back(message(std::to_string(i), t0 + std::chrono::seconds{i}));
  auto out = store({result("acc-1", many, "19999")});
  CAF_CHECK_EQUAL(out[0].inserted, 20000u);
  CAF_CHECK_EQUAL(stored("acc-1"), 20000u);
}

CAF_TEST(pages cover every message once newest first) {
  connect("acc-1");
  std::vector<polled_message> ms;
  // Pairs share a sent_at: the id breaks the tie.
  for (int i = 0; i < 23; ++i)
    ms.push_back(
        message("m" + std::to_string(i), t0 + std::chrono::seconds{i / 2}));
  store({result("acc-1", ms, "")});
  std::set<std::string> seen;
  std::string cursor;
  caf::timestamp last = t0 + 1h;
  int pages = 0;
  do {
    auto page = polled_messages_repo::list(conn, ring, "acc-1", cursor, 5);
    ++pages;
    for (auto& m : page.messages) {
      CAF_CHECK(seen.insert(m.platform_message_id).second);
      CAF_CHECK_LESS_OR_EQUAL(m.sent_at, last);
      last = m.sent_at;
    }
    cursor = page.next_cursor;
  } while (!cursor.empty());
  CAF_CHECK_EQUAL(seen.size(), 23u);
  CAF_CHECK_EQUAL(pages, 5);
}

CAF_TEST(malformed page cursors are refused) {
  connect("acc-1");
  for (auto bad :
       {"x", "12", ".", "12.", "abc.00000000-0000-0000-0000-000000000000",
        "12.not-a-uuid", "12.00000000-0000-0000-0000-00000000000g"})
    CAF_CHECK(throws<std::invalid_argument>([&] {
      polled_messages_repo::list(conn, ring, "acc-1", bad, 5);
    }));
}

CAF_TEST(a body moved to another account does not open) {
  connect("acc-1");
  connect("acc-2");
  store({result("acc-1", {message("1", t0)}, ""),
         result("acc-2", {message("1", t0)}, "")});
  exec("UPDATE messages SET content_enc = (SELECT content_enc FROM messages"
       " WHERE account_id = 'acc-1') WHERE account_id = $1",
       "acc-2");
  CAF_CHECK(throws<crypto::open_error>([&] {
    polled_messages_repo::list(conn, ring, "acc-2", "", 5);
  }));
  auto ok = polled_messages_repo::list(conn, ring, "acc-1", "", 5);
  CAF_CHECK_EQUAL(ok.messages.size(), 1u);
}

CAF_TEST(hub messages and polled messages share the table) {
  connect("acc-1");
  exec("INSERT INTO messages (sender_id, chat_id, content_enc)"
       " VALUES (gen_random_uuid(), gen_random_uuid(), '\\x00')");
  store({result("acc-1", {message("1", t0)}, "")});
  CAF_CHECK_EQUAL(exec("SELECT count(*) FROM messages")[0][0].as<int>(), 2);
  // Half of each is refused.
  CAF_CHECK(throws<pqxx::sql_error>([&] {
    exec("INSERT INTO messages (sender_id, content_enc)"
         " VALUES (gen_random_uuid(), '\\x00')");
  }));
  CAF_CHECK(throws<pqxx::sql_error>([&] {
    exec("INSERT INTO messages (account_id, content_enc)"
         " VALUES ('acc-1', '\\x00')");
  }));
}

CAF_TEST(polls update the interval and clear errors of active accounts) {
  connect("acc-1");
  accounts_repo::record_error(conn, "acc-1", "HTTP 503", t0);
  auto r = result("acc-1", {}, "");
  r.current_interval_ms = 30000;
  store({r});
  auto acc = accounts_repo::get(conn, "acc-1");
  CAF_REQUIRE(acc.has_value());
  CAF_CHECK_EQUAL(acc->current_interval_ms, 30000);
  CAF_CHECK_EQUAL(acc->consecutive_failures, 0);
  CAF_CHECK(acc->last_error.empty());
  // A late result of a parked account keeps it parked, with no next poll.
  accounts_repo::mark_needs_reauth(conn, "acc-1", "HTTP 401");
  store({result("acc-1", {message("9", t0)}, "9")});
  acc = accounts_repo::get(conn, "acc-1");
  CAF_CHECK_EQUAL(acc->status, "needs_reauth");
  CAF_CHECK_EQUAL(acc->last_error, "HTTP 401");
  CAF_CHECK(!acc->next_poll_at);
  CAF_CHECK_EQUAL(stored("acc-1"), 1u);
}

CAF_TEST_FIXTURE_SCOPE_END()

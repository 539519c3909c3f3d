#define CAF_SUITE polling_db.accounts
#include <chrono>
#include <pqxx/pqxx>
#include <stdexcept>

#include "caf/test/unit_test.hpp"

#include "persistence/accounts_repo.hpp"
#include "persistence/polling_rows.hpp"
#include "tests/polling_db/polling_database.hpp"
#include "tests/support/throws.hpp"

using namespace switchboard;
using namespace switchboard::persistence;
using namespace std::chrono_literals;
using switchboard::test::contains;
using switchboard::test::throws;

namespace {

struct fixture : test::polling_database {
  account_connection request(const std::string& id,
                             const std::string& token = "tok-123") {
    account_connection req;
    req.id = id;
    req.platform = "twitter";
    req.user_id = "u1";
    req.access_token.value = token;
    return req;
  }

  std::string raw_token(const std::string& id) {
    pqxx::read_transaction tx{conn};
    auto row = tx.exec_params1(
        "SELECT access_token_enc FROM connected_accounts WHERE id = $1", id);
    return polling_detail::bytes_of(row[0]);
  }

  // Every column of the account as text, the way a dump would show it.
  std::string raw_row(const std::string& id) {
    pqxx::read_transaction tx{conn};
    auto row = tx.exec_params1("SELECT a::text FROM connected_accounts a"
                               " WHERE id = $1",
                               id);
    return row[0].as<std::string>();
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(accounts_tests, fixture)

CAF_TEST(connecting stores the account with its token sealed) {
  auto res = accounts_repo::connect(conn, ring,
                                    request("acc-1", "SeCrEt-TOKEN"), 60s);
  CAF_CHECK(res.outcome == accounts_repo::connect_outcome::created);
  CAF_CHECK_EQUAL(res.account.id, "acc-1");
  CAF_CHECK_EQUAL(res.account.status, "active");
  CAF_CHECK_EQUAL(res.account.poll_interval_ms, 60000);
  CAF_CHECK_EQUAL(res.account.current_interval_ms, 60000);
  CAF_CHECK(res.account.cursor.empty());
  auto raw = raw_token("acc-1");
  CAF_CHECK(!raw.empty());
  CAF_CHECK(!contains(raw, "SeCrEt-TOKEN"));
  CAF_CHECK(!contains(raw_row("acc-1"), "SeCrEt-TOKEN"));
  auto loaded = accounts_repo::get_polling(conn, ring, "acc-1");
  CAF_REQUIRE(loaded.has_value());
  CAF_CHECK_EQUAL(loaded->access_token.value, "SeCrEt-TOKEN");
}

CAF_TEST(connecting twice keeps one account and its cursor) {
  accounts_repo::connect(conn, ring, request("acc-1"), 60s);
  exec("UPDATE connected_accounts SET cursor = '1000' WHERE id = $1", "acc-1");
  auto again = request("acc-1", "tok-new");
  again.poll_interval_ms = 30000;
  auto res = accounts_repo::connect(conn, ring, again, 60s);
  CAF_CHECK(res.outcome == accounts_repo::connect_outcome::updated);
  CAF_CHECK_EQUAL(res.account.cursor, "1000");
  CAF_CHECK_EQUAL(res.account.poll_interval_ms, 30000);
  CAF_CHECK_EQUAL(
      exec("SELECT count(*) FROM connected_accounts")[0][0].as<int>(), 1);
  auto loaded = accounts_repo::get_polling(conn, ring, "acc-1");
  CAF_REQUIRE(loaded.has_value());
  CAF_CHECK_EQUAL(loaded->access_token.value, "tok-new");
}

CAF_TEST(another platform user resets the cursor) {
  accounts_repo::connect(conn, ring, request("acc-1"), 60s);
  exec("UPDATE connected_accounts SET cursor = '1000' WHERE id = $1", "acc-1");
  auto other = request("acc-1");
  other.user_id = "u2";
  auto res = accounts_repo::connect(conn, ring, other, 60s);
  CAF_CHECK_EQUAL(res.account.user_id, "u2");
  CAF_CHECK(res.account.cursor.empty());
}

CAF_TEST(an account id on another platform is a conflict) {
  accounts_repo::connect(conn, ring, request("acc-1", "tok-a"), 60s);
  auto other = request("acc-1", "tok-b");
  other.platform = "linkedin";
  auto res = accounts_repo::connect(conn, ring, other, 60s);
  CAF_CHECK(res.outcome == accounts_repo::connect_outcome::platform_conflict);
  CAF_CHECK_EQUAL(res.account.platform, "twitter");
  auto loaded = accounts_repo::get_polling(conn, ring, "acc-1");
  CAF_REQUIRE(loaded.has_value());
  CAF_CHECK_EQUAL(loaded->access_token.value, "tok-a");
}

CAF_TEST(bad connections are refused) {
  auto bad = [&](auto change) {
    auto req = request("acc-1");
    change(req);
    return throws<std::invalid_argument>([&] {
      accounts_repo::connect(conn, ring, req, 60s);
    });
  };
  CAF_CHECK(bad([](account_connection& r) {
    r.id.clear();
  }));
  CAF_CHECK(bad([](account_connection& r) {
    r.platform = "myspace";
  }));
  CAF_CHECK(bad([](account_connection& r) {
    r.user_id.clear();
  }));
  CAF_CHECK(bad([](account_connection& r) {
    r.access_token.value.clear();
  }));
  CAF_CHECK(bad([](account_connection& r) {
    r.poll_interval_ms = -1;
  }));
  CAF_CHECK(!accounts_repo::get(conn, "acc-1"));
}

CAF_TEST(disconnecting drops the token) {
  connect("acc-1");
  CAF_CHECK(accounts_repo::disconnect(conn, "acc-1"));
  auto acc = accounts_repo::get(conn, "acc-1");
  CAF_REQUIRE(acc.has_value());
  CAF_CHECK_EQUAL(acc->status, "disconnected");
  CAF_CHECK(raw_token("acc-1").empty());
  CAF_CHECK(!accounts_repo::get_polling(conn, ring, "acc-1"));
  CAF_CHECK(!accounts_repo::disconnect(conn, "nope"));
  // Reconnecting brings it back.
  connect("acc-1");
  CAF_CHECK_EQUAL(accounts_repo::get(conn, "acc-1")->status, "active");
}

CAF_TEST(a revoked token parks the account until reconnected) {
  connect("acc-1");
  CAF_CHECK(accounts_repo::mark_needs_reauth(conn, "acc-1", "HTTP 401"));
  CAF_CHECK(!accounts_repo::mark_needs_reauth(conn, "acc-1", "HTTP 401"));
  auto parked = accounts_repo::get(conn, "acc-1");
  CAF_REQUIRE(parked.has_value());
  CAF_CHECK_EQUAL(parked->status, "needs_reauth");
  CAF_CHECK_EQUAL(parked->last_error, "HTTP 401");
  CAF_CHECK(!parked->next_poll_at);
  CAF_CHECK(!accounts_repo::get_polling(conn, ring, "acc-1"));
  CAF_CHECK(
      accounts_repo::load_polling(conn, ring, {"twitter"}, "", 10).empty());
  auto back = connect("acc-1");
  CAF_CHECK_EQUAL(back.status, "active");
  CAF_CHECK_EQUAL(back.consecutive_failures, 0);
  CAF_CHECK(back.last_error.empty());
}

CAF_TEST(errors count and keep the next poll) {
  connect("acc-1");
  auto reset = caf::timestamp{std::chrono::seconds{1893456000}}; // 2030
  CAF_CHECK(accounts_repo::record_error(conn, "acc-1", "rate limited", reset));
  CAF_CHECK(accounts_repo::record_error(conn, "acc-1", "HTTP 503", reset));
  auto acc = accounts_repo::get(conn, "acc-1");
  CAF_REQUIRE(acc.has_value());
  CAF_CHECK_EQUAL(acc->consecutive_failures, 2);
  CAF_CHECK_EQUAL(acc->last_error, "HTTP 503");
  auto next = acc->next_poll_at;
  CAF_REQUIRE(next);
  CAF_CHECK_EQUAL(*next, reset);
  CAF_CHECK(!accounts_repo::record_error(conn, "nope", "x", reset));
}

CAF_TEST(accounts list by platform and status in pages) {
  for (auto id : {"a1", "a2", "a3"})
    connect(id, "twitter");
  for (auto id : {"b1", "b2"})
    connect(id, "linkedin");
  connect("c1", "telegram");
  accounts_repo::mark_needs_reauth(conn, "a2", "HTTP 403");
  CAF_CHECK_EQUAL(accounts_repo::list(conn, "", "", "", 100).size(), 6u);
  CAF_CHECK_EQUAL(accounts_repo::list(conn, "twitter", "", "", 100).size(), 3u);
  auto active = accounts_repo::list(conn, "twitter", "active", "", 100);
  CAF_REQUIRE_EQUAL(active.size(), 2u);
  CAF_CHECK_EQUAL(active[0].id, "a1");
  CAF_CHECK_EQUAL(active[1].id, "a3");
  auto page1 = accounts_repo::list(conn, "", "", "", 4);
  CAF_REQUIRE_EQUAL(page1.size(), 4u);
  auto page2 = accounts_repo::list(conn, "", "", page1.back().id, 4);
  CAF_CHECK_EQUAL(page2.size(), 2u);
  CAF_CHECK(throws<std::invalid_argument>([&] {
    accounts_repo::list(conn, "", "sleeping", "", 10);
  }));
}

CAF_TEST(start up loads the active polling accounts with tokens) {
  for (int i = 0; i < 25; ++i)
    connect("t" + std::to_string(100 + i), "twitter");
  connect("l1", "linkedin");
  connect("w1", "whatsapp");
  accounts_repo::disconnect(conn, "t100");
  std::vector<polling_account> all;
  std::string after;
  for (;;) {
    auto page = accounts_repo::load_polling(conn, ring, {"twitter", "linkedin"},
                                            after, 10);
    if (page.empty()) break;
    after = page.back().account.id;
    all.insert(all.end(), page.begin(), page.end());
  }
  CAF_REQUIRE_EQUAL(all.size(), 25u); // 24 twitter + 1 linkedin
  CAF_CHECK_EQUAL(all.front().account.id, "l1");
  for (auto& acc : all) {
    CAF_CHECK_EQUAL(acc.access_token.value, "token-of-" + acc.account.id);
    CAF_CHECK_NOT_EQUAL(acc.account.id, "t100");
    CAF_CHECK_NOT_EQUAL(acc.account.platform, "whatsapp");
  }
}

CAF_TEST(a start up page skips a token that does not open) {
  for (auto id : {"p1", "p2", "p3", "p4"})
    connect(id);
  exec("UPDATE connected_accounts SET access_token_enc ="
       " (SELECT access_token_enc FROM connected_accounts WHERE id = 'p1')"
       " WHERE id = $1",
       "p2");
  auto page = accounts_repo::load_polling_page(conn, ring, {"twitter"}, "", 3);
  CAF_REQUIRE_EQUAL(page.accounts.size(), 2u);
  CAF_CHECK_EQUAL(page.accounts[0].account.id, "p1");
  CAF_CHECK_EQUAL(page.accounts[1].account.id, "p3");
  CAF_CHECK_EQUAL(page.accounts[1].access_token.value, "token-of-p3");
  CAF_REQUIRE_EQUAL(page.unreadable.size(), 1u);
  CAF_CHECK_EQUAL(page.unreadable[0], "p2");
  CAF_CHECK_EQUAL(page.next_after, "p3");
  auto last = accounts_repo::load_polling_page(conn, ring, {"twitter"},
                                               page.next_after, 3);
  CAF_REQUIRE_EQUAL(last.accounts.size(), 1u);
  CAF_CHECK_EQUAL(last.accounts[0].account.id, "p4");
  CAF_CHECK(last.next_after.empty());
}

CAF_TEST(a token sealed with a rotated away key parks its account) {
  connect("acc-1");
  auto other = crypto::secret_key::generate();
  while (other.id() == ring.current_key_id())
    other = crypto::secret_key::generate();
  crypto::keyring rotated{{other}};
  auto load = accounts_repo::get_polling_or_park(conn, rotated, "acc-1");
  CAF_CHECK(!load.account);
  CAF_CHECK_NOT_EQUAL(load.parked.find("token cannot be decrypted"),
                      std::string::npos);
  CAF_CHECK(!contains(load.parked, "token-of-acc-1"));
  auto parked = accounts_repo::get(conn, "acc-1");
  CAF_CHECK_EQUAL(parked->status, "needs_reauth");
  CAF_CHECK_EQUAL(parked->last_error, load.parked);
  CAF_CHECK_EQUAL(load.platform, "twitter");
  CAF_MESSAGE("parked: the next load finds no active account, parks nothing");
  auto again = accounts_repo::get_polling_or_park(conn, rotated, "acc-1");
  CAF_CHECK(!again.account);
  CAF_CHECK(again.parked.empty());
  CAF_MESSAGE("a readable token loads as get_polling does");
  connect("acc-2");
  auto fine = accounts_repo::get_polling_or_park(conn, ring, "acc-2");
  CAF_REQUIRE(fine.account);
  CAF_CHECK_EQUAL(fine.account->access_token.value, "token-of-acc-2");
  CAF_CHECK(fine.parked.empty());
}

CAF_TEST(a token copied to another account does not open) {
  connect("acc-1");
  connect("acc-2");
  exec("UPDATE connected_accounts SET access_token_enc ="
       " (SELECT access_token_enc FROM connected_accounts WHERE id = 'acc-1')"
       " WHERE id = $1",
       "acc-2");
  CAF_CHECK(throws<crypto::open_error>([&] {
    accounts_repo::get_polling(conn, ring, "acc-2");
  }));
}

CAF_TEST(a wrong key cannot read tokens) {
  connect("acc-1");
  auto other = crypto::secret_key::generate();
  while (other.id() == ring.current_key_id())
    other = crypto::secret_key::generate();
  crypto::keyring wrong{{other}};
  CAF_CHECK(throws<crypto::open_error>([&] {
    accounts_repo::get_polling(conn, wrong, "acc-1");
  }));
}

CAF_TEST_FIXTURE_SCOPE_END()

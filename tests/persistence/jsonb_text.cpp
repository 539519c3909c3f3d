#define CAF_SUITE persistence.jsonb_text
#include "persistence/jsonb_text.hpp"

#include <pqxx/pqxx>
#include <random>
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "tests/support/pg_harness.hpp"

using namespace switchboard;
using namespace switchboard::persistence;
using switchboard::test::pg_harness;

namespace {

// Documents jsonb_text() must print as PostgreSQL does.
const std::vector<std::string> known = {
    "{}",
    "[]",
    "null",
    "true",
    "false",
    "0",
    "-12",
    R"("")",
    R"("plain")",
    R"({"to":"a@b"})",
    R"({"to": "a@b"})",
    R"(  { "b" : 1 , "a" : [ 1 , 2 , { } , [ ] ] }  )",
    "{\n\t\"x\":\r\n1}",
    R"({"ccc":1,"bb":2,"a":3,"aa":4,"b":5,"":6})",
    R"({"Z":1,"a":2,"_":3,"é":4,"e":5})",
    R"({"nested":{"z":{"y":[{"b":1,"a":2}]},"a":null},"list":[true,false]})",
    R"({"i":0,"s":"x\"y"})",
    R"("esc \" \\ \/ \b \f \n \r \t")",
    R"("raw utf-8: é ü 日本 😀")",
    R"("a/b")",
    R"([1,[2,[3,[4,[5]]]]])",
    R"({"k":"v","n":-125,"t":true,"f":false,"z":null,"arr":[1,"2",3]})",
    "-0",
    "18446744073709551615",
    R"({"a":1,"a":2})",
    R"({"b":{"x":1},"a":0,"b":[2]})",
};

// Documents it may leave to PostgreSQL (valid but not reproduced here).
const std::vector<std::string> left = {
    "1e5",
    "1E-2",
    "-0.00",
    "3.1400",
    "-0.5",
    "12345678901234567890.000000000000000000001",
    "18446744073709551616",
    R"({"k":"v","n":-1.25,"arr":[1,"2",3.0]})",
    R"("\u0001\u001f\u0020\u0041\u007e\u007F")",
    R"({"a\u0041":1,"ab":2})",
    R"({"a\u0041":1,"aA":2})",
    R"("\u00e9")",
    R"("\ud83d\ude00")",
};

// Documents PostgreSQL rejects: jsonb_text() must not accept them either.
const std::vector<std::string> invalid = {
    "",
    "   ",
    "{",
    "[1,]",
    "{\"a\":1,}",
    "{'a':1}",
    "01",
    "1.",
    ".5",
    "+1",
    "tru",
    "truex",
    "nul",
    "[1] [2]",
    "{\"a\" 1}",
    "{1:2}",
    "\"unterminated",
    "\"tab\there\"",
    R"("\x")",
    R"("\u12")",
    R"("\u0000")",
    "NaN",
};

// Random JSON documents written in random styles: whitespace, escapes
// (also needless ones), keys out of order or repeated, decimals.
class document_maker {
 public:
  std::string make() {
    std::string out;
    // A payload: an object or an array at the top.
    value(out, 0, 5 + pick(2));
    space(out);
    return out;
  }

 private:
  size_t pick(size_t n) {
    return std::uniform_int_distribution<size_t>{0, n - 1}(gen_);
  }

  void space(std::string& out) {
    static const char* const spaces[] = {"", "", "", " ", "\n  ", "\t", "\r\n"};
    out += spaces[pick(7)];
  }

  void string(std::string& out) {
    static const char* const parts[]
        = {"a",       "b",       "Z",       "0",   " ",    "\\\"",    "\\\\",
           "\\/",     "/",       "\\n",     "\\t", "\\b",  "\\f",     "\\r",
           "\\u0041", "\\u001f", "\\u007f", "é",   "日本", "\\u00e9", "x\x7fy"};
    out += '"';
    for (auto n = pick(5); n > 0; --n)
      out += parts[pick(sizeof(parts) / sizeof(parts[0]))];
    out += '"';
  }

  void number(std::string& out) {
    static const char* const numbers[] = {
        "0", "7", "-12", "3.140", "-0.5", "100", "0.000", "1e3", "-0", "2E-2"};
    out += numbers[pick(sizeof(numbers) / sizeof(numbers[0]))];
  }

  void value(std::string& out, int depth) {
    value(out, depth, pick(depth > 3 ? 5 : 7));
  }

  void value(std::string& out, int depth, size_t kind) {
    space(out);
    switch (kind) {
    case 0: string(out); break;
    case 1: number(out); break;
    case 2: out += "true"; break;
    case 3: out += "null"; break;
    case 4: out += "false"; break;
    case 5: {
      out += '[';
      for (auto n = pick(4), i = n * 0; i < n; ++i) {
        if (i > 0) out += ',';
        value(out, depth + 1);
        space(out);
      }
      out += ']';
      break;
    }
    default: {
      out += '{';
      for (auto n = pick(6), i = n * 0; i < n; ++i) {
        if (i > 0) out += ',';
        space(out);
        string(out);
        space(out);
        out += ':';
        value(out, depth + 1);
        space(out);
      }
      out += '}';
    }
    }
  }

  std::mt19937 gen_{20261124};
};

bool accepted_by_postgres(pqxx::connection& conn, const std::string& json) {
  pqxx::work tx{conn};
  try {
    tx.exec_params("SELECT $1::jsonb", json);
    return true;
  } catch (const pqxx::sql_error&) {
    return false;
  }
}

} // namespace

CAF_TEST(jsonb_text prints what PostgreSQL prints) {
  pqxx::connection conn{pg_harness::get().fresh_database("jsonb_text")};
  for (auto& json : known) {
    CAF_MESSAGE("document: " << json);
    auto mine = jsonb_text(json);
    CAF_REQUIRE(mine);
    pqxx::work tx{conn};
    auto theirs = tx.exec_params1("SELECT $1::jsonb::text", json)[0];
    CAF_CHECK_EQUAL(*mine, theirs.as<std::string>());
    // The output reads back as itself.
    CAF_CHECK_EQUAL(jsonb_text(*mine), mine);
  }
  for (auto& json : left) {
    CAF_MESSAGE("left to PostgreSQL: " << json);
    CAF_CHECK(!jsonb_text(json));
    CAF_CHECK(accepted_by_postgres(conn, json));
  }
  for (auto& json : invalid) {
    CAF_MESSAGE("invalid: " << json);
    CAF_CHECK(!jsonb_text(json));
    CAF_CHECK(!accepted_by_postgres(conn, json));
  }
}

CAF_TEST(jsonb_text agrees with PostgreSQL on random documents) {
  pqxx::connection conn{pg_harness::get().fresh_database("jsonb_text")};
  document_maker maker;
  size_t computed = 0;
  constexpr size_t documents = 2000;
  pqxx::work tx{conn};
  for (size_t i = 0; i < documents; ++i) {
    auto json = maker.make();
    auto mine = jsonb_text(json);
    if (!mine) continue;
    ++computed;
    auto theirs = tx.exec_params1("SELECT $1::jsonb::text", json)[0];
    if (*mine != theirs.as<std::string>())
      CAF_FAIL("document " << json << ": " << *mine << " is not "
                           << theirs.as<std::string>());
  }
  CAF_MESSAGE(computed << " of " << documents << " computed here");
  // The rest was left to PostgreSQL; most documents are not.
  CAF_CHECK_GREATER(computed, documents / 3);
}

#define CAF_SUITE config.key_table
#include <limits>
#include <set>
#include <type_traits>

#include "caf/test/unit_test.hpp"

#include "config/env_source.hpp"
#include "config/key_table.hpp"
#include "config/key_value.hpp"

using namespace switchboard;

namespace {

// The kind a field's type calls for, and whether the key's integer bounds
// fit into that type, so a narrowing store can never happen.
struct field_check {
  const key_descriptor& key;

  bool operator()(std::string*) const {
    return key.kind == key_kind::text || key.kind == key_kind::choice;
  }
  bool operator()(bool*) const {
    return key.kind == key_kind::flag;
  }
  bool operator()(double*) const {
    return key.kind == key_kind::real && key.min_real <= key.max_real;
  }
  template <class Integer>
  bool operator()(Integer*) const {
    using limits = std::numeric_limits<Integer>;
    return key.kind == key_kind::integer && key.min_integer >= 0
           && key.min_integer <= key.max_integer
           && static_cast<uint64_t>(key.max_integer) <= limits::max();
  }
};

size_t keys_in(std::string_view section) {
  size_t result = 0;
  for (const auto& key : key_table())
    if (section_of(key.name) == section) ++result;
  return result;
}

} // namespace

CAF_TEST(every key fits its field) {
  config cfg;
  for (const auto& key : key_table()) {
    CAF_MESSAGE(key.name);
    CAF_CHECK(std::visit(field_check{key}, key.field(cfg)));
  }
}

CAF_TEST(every default passes its own key) {
  config defaults;
  for (const auto& key : key_table()) {
    config scratch;
    auto problem = store(key, read(key, defaults), scratch);
    CAF_CHECK_EQUAL(std::string{key.name} + ": " + problem.value_or("ok"),
                    std::string{key.name} + ": ok");
  }
}

CAF_TEST(key names and variable names are unique) {
  std::set<std::string_view> names;
  std::set<std::string> variables;
  for (const auto& key : key_table()) {
    names.insert(key.name);
    variables.insert(env_name(key.name));
  }
  CAF_CHECK_EQUAL(names.size(), key_table().size());
  CAF_CHECK_EQUAL(variables.size(), key_table().size());
  CAF_CHECK_EQUAL(env_name("http.port"), "SWITCHBOARD_HTTP__PORT");
  CAF_CHECK_EQUAL(env_name("data_dir"), "SWITCHBOARD_DATA_DIR");
  CAF_CHECK_EQUAL(env_name("log.level"), "SWITCHBOARD_LOG__LEVEL");
}

CAF_TEST(top level keys come first as TOML requires) {
  bool in_section = false;
  for (const auto& key : key_table()) {
    auto top_level = section_of(key.name).empty();
    CAF_CHECK(!(top_level && in_section));
    in_section = !top_level;
  }
}

// Structured bindings stop compiling when a struct gains or loses a field:
// then add the key to the table (and to switchboard.example.toml) and update
// the count here.
CAF_TEST(the table has a key for every field of config) {
  config cfg;
  [[maybe_unused]] auto& [data_dir, database, http, log, node, supervision,
                          inspect, simulators, media, cleanup, queues,
                          http_client, notifications, polling, amqp]
      = cfg;
  [[maybe_unused]] auto& [db1, db2, db3, db4, db5, db6, db7, db8] = database;
  [[maybe_unused]] auto& [http1, http2, http3, http4, http5, http6, http7,
                          http8]
      = http;
  [[maybe_unused]] auto& [log1, log2, log3, log4, log5] = log;
  [[maybe_unused]] auto& [node1, node2] = node;
  [[maybe_unused]] auto& [sup1, sup2, sup3, sup4, sup5, sup6] = supervision;
  [[maybe_unused]] auto& [inspect1, inspect2] = inspect;
  [[maybe_unused]] auto& [sim1, sim2, sim3, sim4, sim5, sim6, sim7, sim8, sim9,
                          sim10, sim11, sim12, sim13, sim14]
      = simulators;
  [[maybe_unused]] auto& [media1, media2, media3, media4, media5, media6,
                          media7, media8, media9, media10, media11, media12,
                          media13, media14, media15]
      = media;
  [[maybe_unused]] auto& [clean1, clean2, clean3, clean4, clean5, clean6,
                          clean7, clean8, clean9, clean10, clean11]
      = cleanup;
  CAF_CHECK_EQUAL(keys_in("media"), 15u);
  CAF_CHECK_EQUAL(keys_in("cleanup"), 11u);
  CAF_CHECK_EQUAL(keys_in(""), 1u);
  CAF_CHECK_EQUAL(keys_in("database"), 8u);
  CAF_CHECK_EQUAL(keys_in("http"), 8u);
  CAF_CHECK_EQUAL(keys_in("log"), 5u);
  CAF_CHECK_EQUAL(keys_in("node"), 2u);
  CAF_CHECK_EQUAL(keys_in("supervision"), 6u);
  CAF_CHECK_EQUAL(keys_in("inspect"), 2u);
  CAF_CHECK_EQUAL(keys_in("simulators"), 14u);
  CAF_CHECK_EQUAL(key_table().size(), 154u);
}

CAF_TEST(find_key and sections) {
  CAF_CHECK(find_key("http.port") != nullptr);
  CAF_CHECK(find_key("http.prot") == nullptr);
  CAF_CHECK(find_key("http") == nullptr);
  CAF_CHECK(is_section("supervision"));
  CAF_CHECK(!is_section("data_dir"));
  CAF_CHECK(!is_section(""));
}

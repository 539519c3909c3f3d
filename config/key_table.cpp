#include "config/key_table.hpp"

#include <algorithm>

namespace switchboard {

namespace {

using field_fn = field_ref (*)(config&);

// Upper bound of every duration: longer values are typos, not intentions.
constexpr int64_t day_ms = 24 * 60 * 60 * 1000;
constexpr int64_t gib = int64_t{1} << 30;
constexpr int64_t tib = int64_t{1} << 40;

key_descriptor make(std::string_view name, field_fn field, key_kind kind) {
  key_descriptor result;
  result.name = name;
  result.field = field;
  result.kind = kind;
  return result;
}

key_descriptor text(std::string_view name, field_fn field) {
  return make(name, field, key_kind::text);
}

key_descriptor required_text(std::string_view name, field_fn field) {
  auto result = text(name, field);
  result.non_empty = true;
  return result;
}

key_descriptor secret_text(std::string_view name, field_fn field, secrecy how) {
  auto result = text(name, field);
  result.secret = how;
  return result;
}

key_descriptor choice(std::string_view name, field_fn field,
                      std::vector<std::string_view> choices) {
  auto result = make(name, field, key_kind::choice);
  result.choices = std::move(choices);
  return result;
}

key_descriptor flag(std::string_view name, field_fn field) {
  return make(name, field, key_kind::flag);
}

key_descriptor integer(std::string_view name, field_fn field, int64_t min,
                       int64_t max) {
  auto result = make(name, field, key_kind::integer);
  result.min_integer = min;
  result.max_integer = max;
  return result;
}

key_descriptor real(std::string_view name, field_fn field, double min,
                    double max) {
  auto result = make(name, field, key_kind::real);
  result.min_real = min;
  result.max_real = max;
  return result;
}

// The key name is the stringified field path, so a key and its field cannot
// drift apart.
#define SB_KEY(path)                                                           \
#path, [](config & c) -> field_ref {                                         \
    return &c.path;                                                            \
  }

std::vector<key_descriptor> make_table() {
  return {
      required_text(SB_KEY(data_dir)),
      // [database]
      secret_text(SB_KEY(database.url), secrecy::url_password),
      integer(SB_KEY(database.pool_size), 1, 1024),
      integer(SB_KEY(database.queue_limit), 1, 10'000'000),
      integer(SB_KEY(database.request_deadline_ms), 1, day_ms),
      integer(SB_KEY(database.reconnect_base_ms), 1, day_ms),
      integer(SB_KEY(database.reconnect_cap_ms), 1, day_ms),
      integer(SB_KEY(database.batch_max_rows), 1, 100'000),
      integer(SB_KEY(database.batch_max_delay_ms), 0, 60'000),
      // [http]
      required_text(SB_KEY(http.bind)),
      integer(SB_KEY(http.port), 0, 65535),
      secret_text(SB_KEY(http.admin_token), secrecy::whole),
      flag(SB_KEY(http.protect_monitoring)),
      integer(SB_KEY(http.max_body_bytes), 1, gib),
      integer(SB_KEY(http.read_timeout_ms), 1, day_ms),
      integer(SB_KEY(http.handler_timeout_ms), 1, day_ms),
      integer(SB_KEY(http.threads), 1, 256),
      // [log]
      choice(SB_KEY(log.level), {"trace", "debug", "info", "warn", "error"}),
      choice(SB_KEY(log.format), {"text", "json"}),
      required_text(SB_KEY(log.dir)),
      integer(SB_KEY(log.max_file_bytes), 1024, tib),
      integer(SB_KEY(log.max_files), 1, 1000),
      // [node]
      text(SB_KEY(node.id)),
      integer(SB_KEY(node.shutdown_deadline_ms), 0, day_ms),
      // [supervision]
      integer(SB_KEY(supervision.backoff_base_ms), 0, day_ms),
      real(SB_KEY(supervision.backoff_factor), 1.0, 100.0),
      integer(SB_KEY(supervision.backoff_cap_ms), 0, day_ms),
      choice(SB_KEY(supervision.backoff_jitter), {"none", "full", "equal"}),
      integer(SB_KEY(supervision.max_restarts), 0, 1'000'000),
      integer(SB_KEY(supervision.period_ms), 1, day_ms),
      // [inspect]
      required_text(SB_KEY(inspect.bind)),
      integer(SB_KEY(inspect.port), 0, 65535),
      // [simulators]
      flag(SB_KEY(simulators.enabled)),
  };
}

#undef SB_KEY

} // namespace

const std::vector<key_descriptor>& key_table() {
  static const auto table = make_table();
  return table;
}

const std::vector<key_ordering>& key_orderings() {
  static const std::vector<key_ordering> orderings{
      {"database.reconnect_base_ms", "database.reconnect_cap_ms"},
      {"supervision.backoff_base_ms", "supervision.backoff_cap_ms"},
  };
  return orderings;
}

const key_descriptor* find_key(std::string_view name) {
  const auto& table = key_table();
  auto i = std::find_if(table.begin(), table.end(), [name](const auto& key) {
    return key.name == name;
  });
  return i == table.end() ? nullptr : &*i;
}

std::string_view section_of(std::string_view key) {
  auto dot = key.rfind('.');
  return dot == std::string_view::npos ? std::string_view{}
                                       : key.substr(0, dot);
}

bool is_section(std::string_view name) {
  const auto& table = key_table();
  return !name.empty()
         && std::any_of(table.begin(), table.end(), [name](const auto& key) {
              return section_of(key.name) == name;
            });
}

} // namespace switchboard

#include "persistence/db_failure.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace switchboard::persistence {

namespace {

bool ends_session(std::string_view sqlstate) {
  return sqlstate.substr(0, 2) == "08" || sqlstate == "57P01"
         || sqlstate == "57P02" || sqlstate == "57P03";
}

bool is_commit(std::string_view query) {
  std::string word;
  for (auto c : query)
    if (std::isalpha(static_cast<unsigned char>(c)))
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return word == "COMMIT" || word == "END";
}

struct named_state {
  const char* code;
  const char* name;
};

// The codes a task is likely to meet; the rest are named by class.
constexpr named_state known_states[] = {
    {"23505", "unique_violation"},
    {"23503", "foreign_key_violation"},
    {"23502", "not_null_violation"},
    {"23514", "check_violation"},
    {"22P02", "invalid_text_representation"},
    {"22001", "string_data_right_truncation"},
    {"22003", "numeric_value_out_of_range"},
    {"22007", "invalid_datetime_format"},
    {"22008", "datetime_field_overflow"},
    {"40001", "serialization_failure"},
    {"40P01", "deadlock_detected"},
    {"42601", "syntax_error"},
    {"42P01", "undefined_table"},
    {"42703", "undefined_column"},
    {"42883", "undefined_function"},
    {"42501", "insufficient_privilege"},
    {"42P07", "duplicate_table"},
    {"53300", "too_many_connections"},
    {"57014", "query_canceled"},
    {"57P01", "admin_shutdown"},
    {"57P02", "crash_shutdown"},
    {"57P03", "cannot_connect_now"},
    {"25P02", "in_failed_sql_transaction"},
    {"0A000", "feature_not_supported"},
};

} // namespace

failure_kind classify_sql_error(std::string_view sqlstate,
                                std::string_view query, bool connection_open) {
  if (connection_open && !ends_session(sqlstate))
    return failure_kind::query_failed;
  return is_commit(query) ? failure_kind::commit_in_doubt
                          : failure_kind::connection_lost;
}

const char* sqlstate_name(std::string_view sqlstate) {
  for (auto& known : known_states)
    if (sqlstate == known.code) return known.name;
  if (sqlstate.size() < 2) return "unknown";
  // Class names keep the log line free of data without losing the category.
  static constexpr const char* classes[][2] = {
      {"08", "class 08 connection_exception"},
      {"22", "class 22 data_exception"},
      {"23", "class 23 integrity_constraint_violation"},
      {"25", "class 25 invalid_transaction_state"},
      {"40", "class 40 transaction_rollback"},
      {"42", "class 42 syntax_error_or_access_rule_violation"},
      {"53", "class 53 insufficient_resources"},
      {"54", "class 54 program_limit_exceeded"},
      {"55", "class 55 object_not_in_prerequisite_state"},
      {"57", "class 57 operator_intervention"},
      {"58", "class 58 system_error"},
      {"P0", "class P0 plpgsql_error"},
      {"XX", "class XX internal_error"},
  };
  for (auto& cls : classes)
    if (sqlstate.substr(0, 2) == cls[0]) return cls[1];
  return "other";
}

} // namespace switchboard::persistence

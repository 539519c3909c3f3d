#pragma once

// Validation of SMSEagle API v2 requests (specs/SMSEAGLE-APIv2.md): the send
// body and the folder listing's query. Pure.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace switchboard::sim {

struct sms_send {
  /// Numbers from `to`, then "contact:ID" and "group:ID" entries.
  std::vector<std::string> recipients;
  std::string text;
  std::string encoding = "standard";
  std::string validity = "max";
  /// Validate only, send nothing.
  bool test = false;
};

/// `single`: the sms_single variant, whose `to` is one string. Returns the
/// request or the message of a 400.
std::variant<sms_send, std::string> parse_sms_send(std::string_view body,
                                                   bool single);

struct folder_query {
  std::optional<int64_t> id_from;
  std::optional<int64_t> id_to;
  std::size_t limit = 100;
  std::size_t offset = 0;
  bool descending = false;
};

std::variant<folder_query, std::string>
parse_folder_query(const std::map<std::string, std::string>& query);

} // namespace switchboard::sim

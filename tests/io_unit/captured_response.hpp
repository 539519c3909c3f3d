#pragma once

// A responder for unit tests that keeps what it is given, so a test can call
// a handler or the router directly and look at the answer.

#include <memory>
#include <vector>

#include "io/http/responder.hpp"

namespace switchboard::http::testing {

struct captured_response {
  std::shared_ptr<std::vector<response>> answers
      = std::make_shared<std::vector<response>>();

  responder make() const {
    auto sink = answers;
    return responder{[sink](response r) {
      sink->push_back(std::move(r));
    }};
  }

  bool empty() const {
    return answers->empty();
  }

  const response& last() const {
    return answers->back();
  }

  nlohmann::json last_json() const {
    return nlohmann::json::parse(last().body);
  }

  std::string last_header(const std::string& name) const {
    for (auto& [key, value] : last().headers)
      if (key == name) return value;
    return {};
  }
};

} // namespace switchboard::http::testing

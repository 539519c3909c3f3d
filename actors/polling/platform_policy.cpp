#include "actors/polling/platform_policy.hpp"

#include <algorithm>

#include "messages/polling.hpp"

namespace switchboard::polling {

namespace {

bool contains(const std::vector<std::string>& xs, std::string_view x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

} // namespace

const std::vector<std::string>& known_platforms() {
  return hub_platforms();
}

const std::vector<std::string>& polling_platforms() {
  static const std::vector<std::string> polled{"twitter", "linkedin"};
  return polled;
}

bool needs_polling(std::string_view platform) {
  return contains(polling_platforms(), platform);
}

bool is_known_platform(std::string_view platform) {
  return contains(known_platforms(), platform);
}

} // namespace switchboard::polling

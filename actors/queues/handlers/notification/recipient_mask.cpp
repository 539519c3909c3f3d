#include "actors/queues/handlers/notification/recipient_mask.hpp"

namespace switchboard::notify {

std::string mask_token(const std::string& token) {
  constexpr size_t shown = 6;
  if (token.size() < 2 * shown) return "…";
  return "…" + token.substr(token.size() - shown);
}

std::string mask_email(const std::string& address) {
  auto at = address.rfind('@');
  if (at == std::string::npos || at == 0) return "***";
  return address.substr(0, 1) + "***" + address.substr(at);
}

std::string mask_phone(const std::string& number) {
  auto plus = !number.empty() && number.front() == '+' ? 1u : 0u;
  constexpr size_t head = 2;
  constexpr size_t tail = 3;
  if (number.size() < plus + head + tail + 1)
    return std::string(number.size(), '*');
  auto middle = number.size() - plus - head - tail;
  return number.substr(0, plus + head) + std::string(middle, '*')
         + number.substr(number.size() - tail);
}

std::string mask_recipient(const notification& n) {
  if (n.type == "push") return mask_token(n.fcm_token);
  if (n.type == "email") return mask_email(n.email);
  if (n.type == "sms") return mask_phone(n.phone_number);
  return {};
}

} // namespace switchboard::notify

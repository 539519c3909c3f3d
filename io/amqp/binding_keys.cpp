#include "io/amqp/binding_keys.hpp"

namespace switchboard::io::amqp {

std::vector<std::string> split_binding_keys(const std::string& list) {
  std::vector<std::string> result;
  size_t begin = 0;
  while (begin <= list.size()) {
    auto end = std::min(list.find(',', begin), list.size());
    auto first = list.find_first_not_of(" \t", begin);
    auto last = list.find_last_not_of(" \t", end == 0 ? 0 : end - 1);
    if (first != std::string::npos && first < end && last >= first)
      result.push_back(list.substr(first, last - first + 1));
    begin = end + 1;
  }
  return result;
}

} // namespace switchboard::io::amqp

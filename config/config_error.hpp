#pragma once

#include <stdexcept>
#include <string>

namespace switchboard {

/// Thrown by load_config when the file or the environment cannot become a
/// valid configuration. what() is always one line that starts with "config: "
/// and names the key (or file position) and the problem, so the app can print
/// it as is and exit with code 2.
class config_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

} // namespace switchboard

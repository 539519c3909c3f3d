#pragma once

// A real SMTP server for the e-mail tests: python3 -m aiosmtpd storing every
// message in a Maildir (aiosmtpd.handlers.Mailbox), or refusing recipients
// (smtp_reject.py), started on a free loopback port and stopped (SIGTERM to
// its pid, then SIGKILL) when the object goes away.

#include <string>
#include <sys/types.h>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace switchboard::test {

class smtp_server {
 public:
  enum class mode { mailbox, reject };

  /// Starts the server and waits (at most 15 s) until it accepts
  /// connections; fails the test otherwise.
  explicit smtp_server(mode how = mode::mailbox);
  ~smtp_server();

  smtp_server(const smtp_server&) = delete;
  smtp_server& operator=(const smtp_server&) = delete;

  /// smtp://127.0.0.1:PORT
  std::string url() const;

  /// The raw text of every message received so far (Maildir new/ and cur/).
  std::vector<std::string> messages() const;

 private:
  temp_dir dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

} // namespace switchboard::test

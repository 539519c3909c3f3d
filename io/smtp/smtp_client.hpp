#pragma once

// Sending one e-mail through libcurl's SMTP client (blocking: call it from a
// detached actor or a plain thread, never from an event-based actor).
//
// The message is multipart/alternative with a text/plain and a text/html
// part (quoted-printable, UTF-8), built with curl_mime. TLS: smtps:// URLs
// use implicit TLS; smtp:// URLs upgrade with STARTTLS as `starttls` says.
// Nothing of the message (recipient, subject, body) is logged or put into
// the error text.

#include <cstdint>
#include <string>

namespace switchboard::smtp {

/// Where and how to send.
struct server {
  /// smtp://host:port or smtps://host:port.
  std::string url;
  /// Empty: no authentication.
  std::string username;
  std::string password;
  /// The From header ("Hub <hub@example.org>" or a bare address); its
  /// address is the envelope sender.
  std::string from;
  /// "off", "try" (upgrade when offered) or "required".
  std::string starttls = "try";
  /// Verify the server's certificate and host name.
  bool verify_tls = true;
  /// Connect and whole-transfer limit.
  uint32_t timeout_ms = 20000;
};

/// One message.
struct mail {
  std::string to;
  std::string subject;
  std::string html;
  std::string text;
  /// With angle brackets; see make_message_id.
  std::string message_id;
};

/// What the transfer gave.
struct send_status {
  /// CURLcode (0: the server accepted the message).
  int curl_code = 0;
  /// The last SMTP reply code (0 when none was received).
  long smtp_code = 0;
  /// curl's generic text for curl_code (never the server's reply text, which
  /// may echo the recipient).
  std::string error;
};

/// Sends `m` through `s`; blocks for at most about s.timeout_ms.
send_status send_mail(const server& s, const mail& m);

} // namespace switchboard::smtp

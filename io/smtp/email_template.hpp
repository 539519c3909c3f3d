#pragma once

// The e-mail of a notification: subject, an HTML part from one fixed
// template, and a plain-text alternative. Title, body and data are escaped,
// so a payload cannot inject markup.

#include <string>
#include <string_view>

#include "messages/notifications.hpp"

namespace switchboard::smtp {

struct email_content {
  /// The title on one line (CR and LF replaced by spaces).
  std::string subject;
  std::string html;
  std::string text;
};

/// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

/// Renders `n` (title, body; body line breaks become <br>) into the template.
email_content render_email(const notification& n);

} // namespace switchboard::smtp

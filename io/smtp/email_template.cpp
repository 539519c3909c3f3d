#include "io/smtp/email_template.hpp"

#include <algorithm>

namespace switchboard::smtp {

namespace {

// One placeholder each: {{title}} and {{body}}, replaced once.
constexpr std::string_view html_template = R"html(<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:Helvetica,Arial,sans-serif;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;padding:24px 0;">
<tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px;padding:32px;">
<tr><td style="font-size:20px;font-weight:bold;color:#1f2933;padding-bottom:16px;">{{title}}</td></tr>
<tr><td style="font-size:15px;line-height:1.5;color:#3e4c59;">{{body}}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
)html";

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\r', ' ');
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

std::string with_line_breaks(std::string_view escaped) {
  std::string out;
  for (char c : escaped) {
    if (c == '\r') continue;
    if (c == '\n')
      out += "<br>\n";
    else
      out += c;
  }
  return out;
}

void replace_all(std::string& text, std::string_view key,
                 const std::string& value) {
  for (auto pos = text.find(key); pos != std::string::npos;
       pos = text.find(key, pos + value.size()))
    text.replace(pos, key.size(), value);
}

} // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

email_content render_email(const notification& n) {
  email_content mail;
  mail.subject = one_line(n.title);
  mail.html = std::string{html_template};
  replace_all(mail.html, "{{title}}", html_escape(mail.subject));
  replace_all(mail.html, "{{body}}", with_line_breaks(html_escape(n.body)));
  mail.text = n.title.empty() ? n.body : n.title + "\n\n" + n.body + "\n";
  return mail;
}

} // namespace switchboard::smtp

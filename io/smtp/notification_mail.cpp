#include "io/smtp/notification_mail.hpp"

#include "io/smtp/email_template.hpp"
#include "io/smtp/mail_headers.hpp"
#include "io/smtp/smtp_outcome.hpp"

namespace switchboard::smtp {

delivery_result deliver_email(const server& s, const notification& n) {
  auto content = render_email(n);
  mail m;
  m.to = n.email;
  m.subject = std::move(content.subject);
  m.html = std::move(content.html);
  m.text = std::move(content.text);
  m.message_id = make_message_id(n.job_id, n.attempt, address_of(s.from));
  return classify(send_mail(s, m), m.message_id);
}

} // namespace switchboard::smtp

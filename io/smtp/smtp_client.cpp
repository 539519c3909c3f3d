#include "io/smtp/smtp_client.hpp"

#include <chrono>
#include <curl/curl.h>
#include <memory>
#include <mutex>

#include "io/smtp/mail_headers.hpp"

namespace switchboard::smtp {

namespace {

struct easy_deleter {
  void operator()(CURL* h) const {
    curl_easy_cleanup(h);
  }
};
struct slist_deleter {
  void operator()(curl_slist* l) const {
    curl_slist_free_all(l);
  }
};
struct mime_deleter {
  void operator()(curl_mime* m) const {
    curl_mime_free(m);
  }
};
using easy_ptr = std::unique_ptr<CURL, easy_deleter>;
using slist_ptr = std::unique_ptr<curl_slist, slist_deleter>;
using mime_ptr = std::unique_ptr<curl_mime, mime_deleter>;

// curl_global_init is not guaranteed thread-safe on every build.
void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
  });
}

slist_ptr append(slist_ptr list, const std::string& line) {
  auto* raw = curl_slist_append(list.get(), line.c_str());
  list.release();
  return slist_ptr{raw};
}

slist_ptr mail_headers(const server& s, const mail& m) {
  slist_ptr list;
  list = append(std::move(list),
                "Date: " + rfc5322_date(std::chrono::system_clock::now()));
  list = append(std::move(list), "To: " + m.to);
  list = append(std::move(list), "From: " + encode_header_text(s.from));
  list = append(std::move(list), "Subject: " + encode_header_text(m.subject));
  list = append(std::move(list), "Message-ID: " + m.message_id);
  return list;
}

void add_text_part(curl_mime* alt, const std::string& data, const char* type) {
  auto* part = curl_mime_addpart(alt);
  curl_mime_data(part, data.data(), data.size());
  curl_mime_type(part, type);
  curl_mime_encoder(part, "quoted-printable");
}

// multipart/mixed { multipart/alternative { text/plain, text/html } }, as
// curl's smtp-mime example builds it.
mime_ptr build_mime(CURL* h, const mail& m, slist_ptr& part_headers) {
  mime_ptr mime{curl_mime_init(h)};
  auto* alt = curl_mime_init(h);
  add_text_part(alt, m.text, "text/plain; charset=utf-8");
  add_text_part(alt, m.html, "text/html; charset=utf-8");
  auto* part = curl_mime_addpart(mime.get());
  curl_mime_subparts(part, alt);
  curl_mime_type(part, "multipart/alternative");
  part_headers = append(std::move(part_headers), "Content-Disposition: inline");
  curl_mime_headers(part, part_headers.get(), 0);
  return mime;
}

curl_usessl use_ssl(const std::string& starttls) {
  if (starttls == "required") return CURLUSESSL_ALL;
  if (starttls == "off") return CURLUSESSL_NONE;
  return CURLUSESSL_TRY;
}

void set_connection(CURL* h, const server& s) {
  curl_easy_setopt(h, CURLOPT_URL, s.url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(use_ssl(s.starttls)));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, s.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, s.verify_tls ? 2L : 0L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(s.timeout_ms));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(s.timeout_ms));
  if (!s.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, s.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, s.password.c_str());
  }
}

} // namespace

send_status send_mail(const server& s, const mail& m) {
  global_init_once();
  easy_ptr h{curl_easy_init()};
  if (!h) return {CURLE_FAILED_INIT, 0, "curl_easy_init failed"};
  set_connection(h.get(), s);
  auto sender = "<" + address_of(s.from) + ">";
  curl_easy_setopt(h.get(), CURLOPT_MAIL_FROM, sender.c_str());
  auto recipients = append(slist_ptr{}, "<" + m.to + ">");
  curl_easy_setopt(h.get(), CURLOPT_MAIL_RCPT, recipients.get());
  auto headers = mail_headers(s, m);
  curl_easy_setopt(h.get(), CURLOPT_HTTPHEADER, headers.get());
  slist_ptr part_headers;
  auto mime = build_mime(h.get(), m, part_headers);
  curl_easy_setopt(h.get(), CURLOPT_MIMEPOST, mime.get());
  auto code = curl_easy_perform(h.get());
  send_status result;
  result.curl_code = static_cast<int>(code);
  curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &result.smtp_code);
  // The easy handle goes before the mime tree, as curl's examples do it.
  h.reset();
  if (code != CURLE_OK) result.error = curl_easy_strerror(code);
  return result;
}

} // namespace switchboard::smtp

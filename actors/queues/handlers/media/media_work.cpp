#include "actors/queues/handlers/media/media_work.hpp"

#include <nlohmann/json.hpp>
#include <system_error>

#include "actors/queues/handlers/media/media_payload.hpp"
#include "io/media/media_pipeline.hpp"

namespace switchboard::media_jobs {

namespace {

using nlohmann::json;

std::string result_json(const io::media::processed_media& out) {
  json doc{{"media_url", out.media_key},
           {"thumbnail_url", out.thumbnail_key.empty()
                                 ? json(nullptr)
                                 : json(out.thumbnail_key)},
           {"metadata", json::parse(out.metadata_json)}};
  return doc.dump();
}

job_outcome process(const io::media::media_spec& spec,
                    const media_settings& settings,
                    const io::media::directory_store& store) {
  try {
    return job_completed(
        result_json(io::media::process_media(spec, settings, store)));
  } catch (const io::media::media_error& e) {
    return e.permanent() ? job_failed(e.what()) : job_retry(e.what());
  } catch (const std::system_error& e) {
    return job_retry(std::string{"media store: "} + e.what());
  }
}

} // namespace

job_outcome run_media_work(const job& x, const media_settings& settings,
                           const io::media::directory_store& store) {
  auto spec = parse_media_payload(x.kind, x.payload);
  if (auto* error = std::get_if<std::string>(&spec)) return job_failed(*error);
  return process(std::get<io::media::media_spec>(spec), settings, store);
}

std::optional<persistence::media_repo::media_update>
update_of(const job& x, const std::string& result) {
  auto spec = parse_media_payload(x.kind, x.payload);
  auto doc = json::parse(result, nullptr, false);
  if (spec.index() != 0 || !doc.is_object() || !doc["media_url"].is_string())
    return std::nullopt;
  const auto& s = std::get<io::media::media_spec>(spec);
  const auto& thumb = doc["thumbnail_url"];
  return persistence::media_repo::media_update{
      s.message_id, s.source_key, doc["media_url"].get<std::string>(),
      thumb.is_string() ? thumb.get<std::string>() : "",
      doc["metadata"].dump()};
}

} // namespace switchboard::media_jobs

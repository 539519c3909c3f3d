#include "io/media/media_pipeline.hpp"

#include <nlohmann/json.hpp>

#include "io/media/image_ops.hpp"
#include "io/media/media_key.hpp"
#include "io/media/pipeline_support.hpp"
#include "io/media/scratch_file.hpp"

namespace switchboard::io::media {

namespace {

using nlohmann::json;

json to_json(const image_info& x) {
  return {{"width", x.width},
          {"height", x.height},
          {"format", x.format},
          {"bytes", x.bytes}};
}

image_info fitted(const std::string& src, const scratch_file& dst,
                  uint32_t max_side, const image_encoding& enc) {
  try {
    return write_fitted(src, dst.path(), static_cast<int>(max_side), enc);
  } catch (const image_error& e) {
    throw media_error(e.what(), e.unreadable());
  }
}

image_info measured(const std::string& src) {
  try {
    return measure_image(src);
  } catch (const image_error& e) {
    throw media_error(e.what(), e.unreadable());
  }
}

} // namespace

processed_media process_image(const media_spec& spec,
                              const media_settings& settings,
                              const directory_store& store) {
  auto src = source_path(spec, settings, store);
  auto original = measured(src);
  image_encoding enc{settings.image_format, static_cast<int>(settings.quality)};
  auto ext = "." + extension_of(enc);
  scratch_file full{store.scratch_path(ext)};
  scratch_file thumb{store.scratch_path(ext)};
  auto web = fitted(src, full, settings.max_dimension, enc);
  auto small = fitted(src, thumb, settings.thumbnail_size, enc);
  processed_media result{processed_key(spec.message_id, "image" + ext),
                         processed_key(spec.message_id, "thumb" + ext), ""};
  store.commit(full.path(), result.media_key);
  full.release();
  store.commit(thumb.path(), result.thumbnail_key);
  thumb.release();
  auto meta = to_json(web);
  meta["type"] = "image";
  meta["thumbnail"] = to_json(small);
  meta["source"] = to_json(original);
  result.metadata_json = meta.dump();
  return result;
}

processed_media process_media(const media_spec& spec,
                              const media_settings& settings,
                              const directory_store& store) {
  if (spec.type == "image") return process_image(spec, settings, store);
  if (spec.type == "audio") return process_audio(spec, settings, store);
  if (spec.type == "video") return process_video(spec, settings, store);
  throw media_error("unknown media type " + spec.type, true);
}

} // namespace switchboard::io::media

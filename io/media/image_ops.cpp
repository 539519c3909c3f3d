#include "io/media/image_ops.hpp"

#include <mutex>
#include <sys/stat.h>
#include <vips/vips8>

namespace switchboard::io::media {

namespace {

using vips::VError;
using vips::VImage;

void init_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("switchboard") != 0)
      throw image_error("libvips failed to start", false);
    vips_block_untrusted_set(TRUE);
    // Every job reads a different file: caching operations only holds
    // memory and open files.
    vips_cache_set_max(0);
  });
}

uint64_t file_size(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

std::string first_line(const char* text) {
  std::string result{text ? text : ""};
  auto newline = result.find('\n');
  return newline == std::string::npos ? result : result.substr(0, newline);
}

// Decodes every pixel now, so a corrupt input fails here (for good) rather
// than half way through writing.
VImage decode_fitted(const std::string& src, int max_side) {
  try {
    auto img = VImage::thumbnail(src.c_str(), max_side,
                                 VImage::option()
                                     ->set("height", max_side)
                                     ->set("size", VIPS_SIZE_DOWN)
                                     ->set("fail_on", VIPS_FAIL_ON_ERROR));
    return img.copy_memory();
  } catch (const VError& e) {
    throw image_error("cannot decode image: " + first_line(e.what()), true);
  }
}

void save(VImage img, const std::string& dst, const image_encoding& enc) {
  auto opts = VImage::option()->set("Q", enc.quality)->set("strip", true);
  if (enc.format == "webp") {
    img.webpsave(dst.c_str(), opts);
    return;
  }
  if (img.has_alpha())
    img = img.flatten(
        VImage::option()->set("background", std::vector<double>{255.0}));
  img.jpegsave(dst.c_str(), opts);
}

} // namespace

std::string extension_of(const image_encoding& enc) {
  return enc.format == "webp" ? "webp" : "jpg";
}

std::string format_of_loader(const std::string& loader) {
  auto end = loader.find("load");
  return end == std::string::npos ? loader : loader.substr(0, end);
}

image_info measure_image(const std::string& path) {
  init_vips();
  try {
    auto img = VImage::new_from_file(
        path.c_str(), VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR));
    return {img.width(), img.height(),
            format_of_loader(img.get_string("vips-loader")), file_size(path)};
  } catch (const VError& e) {
    throw image_error("not a readable image: " + first_line(e.what()), true);
  }
}

image_info write_fitted(const std::string& src, const std::string& dst,
                        int max_side, const image_encoding& enc) {
  init_vips();
  auto img = decode_fitted(src, max_side);
  try {
    save(img, dst, enc);
  } catch (const VError& e) {
    throw image_error("cannot write image: " + first_line(e.what()), false);
  }
  return {img.width(), img.height(), enc.format, file_size(dst)};
}

} // namespace switchboard::io::media

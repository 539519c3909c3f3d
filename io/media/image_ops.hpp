#pragma once

// Image work with libvips: measure an image, and write it scaled down to fit
// a size in JPEG or WebP. libvips stays inside image_ops.cpp (its headers
// are heavy).
//
// Promises:
// - Never enlarges; keeps the aspect ratio; applies the EXIF orientation;
//   strips metadata (EXIF, GPS) from what it writes; flattens transparency
//   onto white for JPEG.
// - Only libvips' trusted loaders run (JPEG, PNG, WebP, GIF, TIFF, HEIF,
//   ...); untrusted ones (e.g. through ImageMagick) are blocked.
// - An input that cannot be decoded throws image_error with unreadable()
//   true: retrying will not help. A failure to write throws image_error with
//   unreadable() false.
// - Blocking and CPU-bound: call from a thread of its own.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace switchboard::io::media {

struct image_info {
  int width = 0;
  int height = 0;
  /// "jpeg", "png", "webp", "gif", "tiff", "heif", ...
  std::string format;
  uint64_t bytes = 0;
};

struct image_encoding {
  /// "jpeg" or "webp".
  std::string format = "jpeg";
  /// 1 to 100.
  int quality = 80;
};

class image_error : public std::runtime_error {
 public:
  image_error(const std::string& what, bool unreadable)
      : std::runtime_error(what), unreadable_(unreadable) {
  }

  bool unreadable() const {
    return unreadable_;
  }

 private:
  bool unreadable_;
};

/// The file name extension of an encoding's format ("jpg", "webp").
std::string extension_of(const image_encoding& enc);

/// The format name of a libvips loader ("jpegload_source" -> "jpeg"). Pure.
std::string format_of_loader(const std::string& loader);

/// Reads the header of the image at `path`.
image_info measure_image(const std::string& path);

/// Writes the image at `src` to `dst`, scaled down to fit
/// max_side x max_side; returns what was written.
image_info write_fitted(const std::string& src, const std::string& dst,
                        int max_side, const image_encoding& enc);

} // namespace switchboard::io::media

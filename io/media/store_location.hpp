#pragma once

// Where a node keeps its media store.

#include <string>

#include "config/config.hpp"

namespace switchboard::io::media {

/// media.store_dir, or <data_dir>/media when it is empty.
inline std::string media_store_dir(const config& cfg) {
  return cfg.media.store_dir.empty() ? cfg.data_dir + "/media"
                                     : cfg.media.store_dir;
}

} // namespace switchboard::io::media

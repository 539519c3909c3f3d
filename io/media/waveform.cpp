#include "io/media/waveform.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace switchboard::io::media {

namespace {

double loudest(const std::vector<int16_t>& samples, size_t begin, size_t end) {
  int peak = 0;
  for (auto i = begin; i < end; ++i)
    peak = std::max(peak, std::abs(static_cast<int>(samples[i])));
  return std::round(std::min(1.0, peak / 32767.0) * 1000) / 1000;
}

} // namespace

std::vector<double> waveform_peaks(const std::vector<int16_t>& samples,
                                   size_t n) {
  std::vector<double> result(n, 0.0);
  if (samples.empty()) return result;
  for (size_t i = 0; i < n; ++i) {
    auto begin = i * samples.size() / n;
    auto end = (i + 1) * samples.size() / n;
    result[i] = loudest(samples, begin, end);
  }
  return result;
}

std::vector<int16_t> read_pcm_s16le(const std::string& path) {
  std::ifstream in{path, std::ios::binary | std::ios::ate};
  if (!in) return {};
  auto bytes = static_cast<size_t>(in.tellg());
  std::vector<unsigned char> raw(bytes);
  in.seekg(0);
  in.read(reinterpret_cast<char*>(raw.data()),
          static_cast<std::streamsize>(raw.size()));
  std::vector<int16_t> result(bytes / 2);
  for (size_t i = 0; i < result.size(); ++i)
    result[i] = static_cast<int16_t>(raw[2 * i] | (raw[2 * i + 1] << 8));
  return result;
}

} // namespace switchboard::io::media

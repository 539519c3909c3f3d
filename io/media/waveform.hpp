#pragma once

// The waveform of an audio message: `n` peaks, each the loudest sample of
// one of `n` equal slices of the audio, scaled to 0..1 and rounded to three
// decimals (what a client draws as bars). Pure.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace switchboard::io::media {

/// Peaks of 16-bit samples; n values (zeros for empty slices, all zeros
/// for no samples).
std::vector<double> waveform_peaks(const std::vector<int16_t>& samples,
                                   size_t n);

/// Reads a raw s16le PCM file (ffmpeg's `-f s16le` output).
std::vector<int16_t> read_pcm_s16le(const std::string& path);

} // namespace switchboard::io::media

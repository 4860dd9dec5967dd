#pragma once
// Audio decoding to the analysis format: mono float32 at 16 kHz (what speech and sound
// models expect), streamed in chunks so memory stays bounded for long files.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/error.h"
#include "core/progress.h"

namespace ugc::media {

struct AudioDecodeParams {
  int streamIndex = -1;         // container stream index; -1: the main audio stream
  int sampleRate = 16000;
  size_t chunkSamples = 16000;  // samples per chunk callback (the last chunk may be shorter)
  double maxSeconds = 0;        // stop after this much output audio; 0: all of it
};

inline AudioDecodeParams defaultAudioDecodeParams() { return {}; }

// A video without sound is a normal case, not an error.
enum class AudioAvailability { Decoded, NoAudioStream };

struct AudioStreamSummary {
  AudioAvailability availability = AudioAvailability::NoAudioStream;
  int streamIndex = -1;
  int sampleRate = 0;           // of the output
  int64_t samples = 0;          // output samples delivered
  double seconds() const { return sampleRate > 0 ? double(samples) / sampleRate : 0.0; }
};

// Receives consecutive chunks of mono samples in [-1, 1]; the pointer is valid during the call only.
using AudioChunkCallback = std::function<void(const float* samples, size_t count)>;

// Streams the decoded audio to onChunk. Downmixing and resampling are FFmpeg's
// (libswresample, the same as `ffmpeg -ac 1 -ar 16000`). The output starts with the first
// decoded sample; gaps in the stream are not padded.
// Errors: NotFound (file), InvalidArgument (streamIndex is not audio), InvalidInput,
// Unsupported (codec), Cancelled.
Result<AudioStreamSummary> decodeAudioChunks(const std::filesystem::path& path, const AudioDecodeParams& params,
                                             const AudioChunkCallback& onChunk, const ProgressSink& progress = {},
                                             const CancelToken& cancel = {});

struct DecodedAudio {
  AudioStreamSummary summary;
  std::vector<float> samples;  // empty when there is no audio stream
  bool hasAudio() const { return summary.availability == AudioAvailability::Decoded; }
};

// The whole track in memory (about 3.8 MB per minute at 16 kHz).
Result<DecodedAudio> decodeAudio(const std::filesystem::path& path, const AudioDecodeParams& params = {},
                                 const ProgressSink& progress = {}, const CancelToken& cancel = {});

}  // namespace ugc::media

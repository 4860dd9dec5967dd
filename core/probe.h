#pragma once
// Fast media inspection: what a file contains, without decoding it.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/progress.h"

namespace ugc::media {

struct VideoStreamInfo {
  int index = -1;              // stream index in the container
  std::string codec;           // FFmpeg codec name, e.g. "h264", "hevc", "vp9"
  int width = 0;               // coded picture size, before rotation
  int height = 0;
  int displayWidth = 0;        // as shown: sample aspect ratio and rotation applied
  int displayHeight = 0;
  double displayAspect = 0;    // displayWidth / displayHeight
  double avgFps = 0;           // average frame rate (0 when unknown)
  double realFps = 0;          // FFmpeg's r_frame_rate: lowest rate that represents all timestamps
  int64_t frameCount = 0;      // from the container when it says, else duration * avgFps
  bool frameCountExact = false;
  int rotation = 0;            // clockwise degrees to turn the picture upright: 0, 90, 180 or 270
};

struct AudioStreamInfo {
  int index = -1;
  std::string codec;
  int sampleRate = 0;
  int channels = 0;
};

struct ProbeResult {
  std::filesystem::path path;
  std::string container;       // FFmpeg demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"
  double duration = 0;         // seconds (0 when unknown)
  int64_t bitRate = 0;         // bits per second (0 when unknown)
  uint64_t fileSize = 0;
  std::optional<VideoStreamInfo> video;  // the main video stream (cover art is not video)
  std::optional<AudioStreamInfo> audio;  // the main audio stream
  // sha256 of: the file size as 8 little-endian bytes, the first MiB and the last MiB
  // (the whole file once when it is at most 2 MiB). Cheap, and stable across renames.
  std::string fingerprint;
};

struct ProbeParams {
  bool computeFingerprint = true;
};

inline ProbeParams defaultProbeParams() { return {}; }

// Errors: NotFound, InvalidInput (empty, not media, truncated header), Io, Cancelled.
// A file with neither a video nor an audio stream is InvalidInput.
Result<ProbeResult> probeMedia(const std::filesystem::path& path, const ProbeParams& params = {},
                               const CancelToken& cancel = {});

// The fingerprint alone (see ProbeResult::fingerprint).
Result<std::string> contentFingerprint(const std::filesystem::path& path);

}  // namespace ugc::media

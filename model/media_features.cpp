// Media features for the captioner: decode once, in the shapes the network takes.
#include "model/media_features.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

#include "core/audio_decoder.h"
#include "core/frame_sampler.h"
#include "core/log_mel.h"
#include "core/probe.h"

namespace ugc::model {
namespace {

constexpr char kMagic[8] = {'U', 'G', 'C', 'M', 'F', 'T', '0', '1'};
// Enough to describe a short clip without crowding the source tokens (the network truncates).
constexpr size_t kMaxOcrLines = 16;
constexpr size_t kMaxEventLines = 12;
constexpr size_t kMaxCutLines = 8;

std::string seconds(double value) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << value;
  return out.str();
}

std::string range(const TimeRange& r) { return seconds(r.start) + "-" + seconds(r.end) + " s"; }

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

// Reads fixed-size values from the cache bytes; every read is bounds-checked.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool get(T& value) {
    if (bytes_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool get(void* data, size_t size) {
    if (bytes_.size() - pos_ < size) return false;
    std::memcpy(data, bytes_.data() + pos_, size);
    pos_ += size;
    return true;
  }
  bool done() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

Error damaged(const std::string& what) {
  return Error{ErrorCode::InvalidInput, "captioner features cache is damaged: " + what};
}

}  // namespace

std::string mediaFeaturesVersion(const CaptionerConfig& config) {
  return "ugc-captioner-features/1:mel" + std::to_string(config.melBins) + ":frames" +
         std::to_string(config.maxFrames) + "x" + std::to_string(config.frameSize);
}

Result<MediaFeatures> extractMediaFeatures(const std::filesystem::path& media, const CaptionerConfig& config,
                                           const CancelToken& cancel) {
  if (config.melBins != media::kMelBins)
    return makeError(ErrorCode::Unsupported, "the media engine computes " + std::to_string(media::kMelBins) +
                                                 " mel bins; the model wants " + std::to_string(config.melBins));
  media::ProbeParams probeParams;
  probeParams.computeFingerprint = false;
  auto probed = media::probeMedia(media, probeParams, cancel);
  if (!probed) return tl::unexpected(probed.error());
  MediaFeatures features;
  features.duration = probed->duration;

  if (probed->audio) {
    auto audio = media::decodeAudio(media, {}, {}, cancel);
    if (!audio) return tl::unexpected(audio.error());
    if (audio->hasAudio() && !audio->samples.empty()) {
      const auto mel = media::computeLogMel(audio->samples);
      LogMelInput input;
      input.frames = mel.frames;
      input.values.resize(size_t(mel.frames) * size_t(mel.bins));
      // core/ gives bins x frames (Whisper's layout); the network reads frames x bins.
      for (int b = 0; b < mel.bins; ++b)
        for (int t = 0; t < mel.frames; ++t) input.values[size_t(t) * size_t(mel.bins) + size_t(b)] = mel.at(b, t);
      if (input.frames > 0) features.logMel = std::move(input);
    }
  }
  if (cancel.isCancelled()) return cancelledError();

  if (probed->video && config.maxFrames > 0) {
    media::FrameSamplerParams params;
    params.width = config.frameSize;
    params.height = config.frameSize;
    params.fit = media::FitMode::Letterbox;
    auto sampled = media::sampleFramesUniform(media, config.maxFrames, params, {}, cancel);
    if (!sampled) return tl::unexpected(sampled.error());
    FrameInput frames;
    frames.width = config.frameSize;
    frames.height = config.frameSize;
    for (auto& frame : *sampled) {
      if (frame.image.width != frames.width || frame.image.height != frames.height) continue;
      frames.rgb.push_back(std::move(frame.image.pixels));
    }
    if (!frames.rgb.empty()) features.frames = std::move(frames);
  }
  return features;
}

std::string serializeMediaFeatures(const MediaFeatures& features) {
  std::string out(kMagic, sizeof(kMagic));
  put(out, features.duration);
  const int32_t melFrames = features.logMel ? features.logMel->frames : -1;
  put(out, melFrames);
  if (features.logMel) {
    put(out, uint64_t(features.logMel->values.size()));
    out.append(reinterpret_cast<const char*>(features.logMel->values.data()),
               features.logMel->values.size() * sizeof(float));
  }
  const int32_t frameCount = features.frames ? int32_t(features.frames->rgb.size()) : -1;
  put(out, frameCount);
  if (features.frames) {
    put(out, int32_t(features.frames->width));
    put(out, int32_t(features.frames->height));
    for (const auto& frame : features.frames->rgb) out.append(reinterpret_cast<const char*>(frame.data()), frame.size());
  }
  return out;
}

Result<MediaFeatures> parseMediaFeatures(std::string_view bytes) {
  if (bytes.size() < sizeof(kMagic) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0)
    return tl::unexpected(damaged("unknown header"));
  Reader in(bytes.substr(sizeof(kMagic)));
  MediaFeatures features;
  int32_t melFrames = 0;
  if (!in.get(features.duration) || !in.get(melFrames)) return tl::unexpected(damaged("truncated"));
  if (melFrames >= 0) {
    uint64_t count = 0;
    if (!in.get(count) || count > bytes.size() / sizeof(float)) return tl::unexpected(damaged("log-mel size"));
    LogMelInput mel;
    mel.frames = melFrames;
    mel.values.resize(size_t(count));
    if (!in.get(mel.values.data(), size_t(count) * sizeof(float))) return tl::unexpected(damaged("log-mel values"));
    features.logMel = std::move(mel);
  }
  int32_t frameCount = 0;
  if (!in.get(frameCount)) return tl::unexpected(damaged("truncated"));
  if (frameCount >= 0) {
    FrameInput frames;
    int32_t width = 0, height = 0;
    if (!in.get(width) || !in.get(height) || width <= 0 || height <= 0 || width > 4096 || height > 4096)
      return tl::unexpected(damaged("frame size"));
    frames.width = width;
    frames.height = height;
    const size_t frameBytes = size_t(width) * size_t(height) * 3;
    for (int32_t i = 0; i < frameCount; ++i) {
      std::vector<uint8_t> rgb(frameBytes);
      if (!in.get(rgb.data(), frameBytes)) return tl::unexpected(damaged("frame pixels"));
      frames.rgb.push_back(std::move(rgb));
    }
    features.frames = std::move(frames);
  }
  if (!in.done()) return tl::unexpected(damaged("trailing bytes"));
  return features;
}

void addMedia(const MediaFeatures& features, CaptionerInput& input) {
  input.logMel = features.logMel;
  input.frames = features.frames;
}

void addSignals(const Signals& extracted, CaptionerInput& input) {
  for (const auto& line : extracted.ocr.lines) {
    if (input.ocrLines.size() >= kMaxOcrLines) break;
    if (!line.text.empty()) input.ocrLines.push_back(line.text);
  }
  std::vector<std::string> events;
  const auto& audio = extracted.audio;
  if (audio.ran) {
    if (audio.silentTrack) events.push_back("silent track");
    for (const auto& r : audio.speech) events.push_back("speech " + range(r));
    for (const auto& r : audio.music) events.push_back("music " + range(r));
    for (const auto& r : audio.otherSounds) events.push_back("sound " + range(r));
  }
  for (const auto& speaker : extracted.voice.speakers)
    events.push_back(std::string(genderName(speaker.gender)) + " voice, " + seconds(speaker.speakingSeconds) + " s");
  if (events.size() > kMaxEventLines) events.resize(kMaxEventLines);
  input.audioEvents.insert(input.audioEvents.end(), events.begin(), events.end());
  for (double cut : extracted.scenes.changeTimes) {
    if (input.sceneChanges.size() >= kMaxCutLines) break;
    input.sceneChanges.push_back("cut at " + seconds(cut) + " s");
  }
}

}  // namespace ugc::model

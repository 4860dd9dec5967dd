#include "model/training_data.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "annotation/demo_truth.h"
#include "annotation/field_codec.h"
#include "annotation/release_fields.h"
#include "model/extractors/signals.h"
#include "model/media_features.h"

namespace ugc::model {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Reader {
  TrainingCorpus& corpus;
  uint64_t hash = 1469598103934665603ull;

  Result<std::string> read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, "cannot read " + path.string());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string text = bytes.str();
    hash = fnv1a64(path.filename().string(), hash);
    hash = fnv1a64(text, hash);
    corpus.files.push_back(path.filename().string());
    return text;
  }
};

std::string hex(uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

}  // namespace

uint64_t fnv1a64(std::string_view bytes, uint64_t hash) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

bool isHeldOutVideo(const std::string& videoId, double fraction) {
  if (fraction <= 0) return false;
  return double(fnv1a64(videoId) % 10000) < fraction * 10000.0;
}

Result<TrainingCorpus> loadReleaseCorpus(const std::string& releaseDir) {
  TrainingCorpus corpus;
  Reader reader{corpus};
  const fs::path dir(releaseDir);
  // The release is read by annotation's one release reader; this only gathers the files (the
  // three caption files are required) and hashes their bytes for the model's provenance.
  std::map<annotation::QaType, std::string> texts;
  for (annotation::QaType type : annotation::kAllQaTypes) {
    const fs::path path = dir / std::string(annotation::releaseFileName(type));
    const bool required = type == annotation::QaType::AudioCaption || type == annotation::QaType::VisualCaption ||
                          type == annotation::QaType::FinalCaption;
    std::error_code ec;
    if (!required && !fs::exists(path, ec)) continue;
    auto text = reader.read(path);
    if (!text) return tl::unexpected(text.error());
    texts[type] = std::move(*text);
  }
  auto dataset = annotation::parseReleaseDataset(texts);
  if (!dataset) return tl::unexpected(dataset.error());
  std::vector<const annotation::ReleaseVideo*> videos;
  for (const auto& video : dataset->videos) videos.push_back(&video);
  // Sorted by video id (a stable order); the three stages of a video sit together.
  std::sort(videos.begin(), videos.end(), [](auto* a, auto* b) { return a->videoId < b->videoId; });
  for (const auto* video : videos) {
    CaptionerInput all;
    all.fields = annotation::encodeFields(video->audio, video->visual);
    all.ocrLines = video->visual.ocrLines;
    const std::string& id = video->videoId;
    if (!video->audioCaption.empty()) {
      CaptionerInput in = all;
      in.stage = annotation::Stage::Audio;
      corpus.samples.push_back({id, "release-dev", std::move(in), video->audioCaption});
    }
    if (!video->visualCaption.empty()) {
      CaptionerInput in = all;
      in.stage = annotation::Stage::Visual;
      corpus.samples.push_back({id, "release-dev", std::move(in), video->visualCaption});
    }
    if (!video->finalCaption.empty()) {
      CaptionerInput in = all;
      in.stage = annotation::Stage::Joint;
      in.audioCaption = video->audioCaption;
      in.visualCaption = video->visualCaption;
      corpus.samples.push_back({id, "release-dev", std::move(in), video->finalCaption});
    }
  }
  // Samples keep every field; Captioner applies the stage masking when it encodes them.
  corpus.dataHash = hex(reader.hash);
  return corpus;
}

Status appendInstructionCorpus(const std::string& trainDataDir, TrainingCorpus& corpus) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(trainDataDir, ec)) {
    const auto name = entry.path().filename().string();
    if (entry.path().extension() == ".jsonl" && (name.rfind("sft", 0) == 0 || name.rfind("grpo", 0) == 0))
      files.push_back(entry.path());
  }
  if (ec) return makeError(ErrorCode::NotFound, "cannot list " + trainDataDir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::set<uint64_t> seen;
  for (const auto& s : corpus.samples) seen.insert(fnv1a64(s.target));
  uint64_t hash = 1469598103934665603ull;
  for (char c : corpus.dataHash) hash = fnv1a64(std::string_view(&c, 1), hash);
  Reader reader{corpus, hash};
  for (const auto& file : files) {
    auto text = reader.read(file);
    if (!text) return tl::unexpected(text.error());
    const std::string origin = file.filename().string().rfind("sft", 0) == 0 ? "sft" : "grpo";
    std::istringstream lines(*text);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.empty()) continue;
      json j = json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) return makeError(ErrorCode::InvalidInput, file.string() + ": bad line");
      std::string caption;
      if (j.contains("solution") && j["solution"].is_string()) caption = j["solution"].get<std::string>();
      if (caption.empty() && j.contains("messages") && j["messages"].is_array())
        for (const auto& m : j["messages"])
          if (m.value("role", "") == "assistant" && m.contains("content") && m["content"].is_string())
            caption = m["content"].get<std::string>();
      if (caption.empty() || !seen.insert(fnv1a64(caption)).second) continue;
      std::string id;
      if (j.contains("videos") && j["videos"].is_array() && !j["videos"].empty() && j["videos"][0].is_string())
        id = fs::path(j["videos"][0].get<std::string>()).stem().string();
      CaptionerInput input;
      input.stage = annotation::Stage::Joint;
      corpus.samples.push_back({id, origin, std::move(input), caption});
    }
  }
  corpus.dataHash = hex(reader.hash);
  return {};
}

namespace {

Result<std::string> readBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::NotFound, "cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Status writeBytes(const fs::path& path, const std::string& bytes) {
  const fs::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out) return makeError(ErrorCode::Io, "cannot write " + partial.string());
  }
  std::error_code ec;
  fs::rename(partial, path, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot rename " + partial.string() + ": " + ec.message());
  return {};
}

struct ClipInputs {
  MediaFeatures features;
  Signals signals;
};

// Features and signals of one clip, from the cache when the media bytes and the feature version match.
Result<ClipInputs> clipInputs(const fs::path& media, const std::string& key, const CaptionerConfig& config,
                              const DemoCorpusOptions& options, const CancelToken& cancel) {
  const fs::path cache = options.cacheDir.empty() ? fs::path() : fs::path(options.cacheDir);
  std::error_code ec;
  if (!cache.empty() && fs::exists(cache / (key + ".features"), ec) &&
      fs::exists(cache / (key + ".signals.json"), ec)) {
    auto bytes = readBytes(cache / (key + ".features"));
    auto text = readBytes(cache / (key + ".signals.json"));
    if (bytes && text) {
      auto features = parseMediaFeatures(*bytes);
      auto signals = signalsFromJson(*text);
      if (features && signals) return ClipInputs{std::move(*features), std::move(*signals)};
    }
  }
  auto features = extractMediaFeatures(media, config, cancel);
  if (!features) return tl::unexpected(features.error());
  auto signals = extractSignals(media, defaultExtractOptions(), {}, cancel);
  if (!signals) return tl::unexpected(signals.error());
  if (!cache.empty()) {
    fs::create_directories(cache, ec);
    if (auto s = writeBytes(cache / (key + ".features"), serializeMediaFeatures(*features)); !s)
      return tl::unexpected(s.error());
    if (auto s = writeBytes(cache / (key + ".signals.json"), toJson(*signals)); !s) return tl::unexpected(s.error());
  }
  return ClipInputs{std::move(*features), std::move(*signals)};
}

}  // namespace

Status appendDemoCorpus(const std::string& demoDir, const CaptionerConfig& config, TrainingCorpus& corpus,
                        const ProgressSink& progress, const CancelToken& cancel, const DemoCorpusOptions& options) {
  const fs::path dir(demoDir);
  auto indexText = readBytes(dir / "corpus.json");
  if (!indexText) return tl::unexpected(indexText.error());
  const json index = json::parse(*indexText, nullptr, false);
  if (index.is_discarded() || !index.contains("clips") || !index["clips"].is_array())
    return makeError(ErrorCode::InvalidInput, (dir / "corpus.json").string() + ": not a demo corpus index");
  const json& seedValue = index.contains("seed") ? index["seed"] : json();
  const std::string seed = seedValue.is_string()            ? seedValue.get<std::string>()
                           : seedValue.is_number_integer() ? std::to_string(seedValue.get<int64_t>())
                                                           : std::string();
  const std::string version = mediaFeaturesVersion(config);
  uint64_t hash = 1469598103934665603ull;
  for (char c : corpus.dataHash) hash = fnv1a64(std::string_view(&c, 1), hash);
  hash = fnv1a64(version, fnv1a64(*indexText, hash));
  corpus.files.push_back("demo seed " + seed + ": corpus.json");
  const auto& clips = index["clips"];
  for (size_t i = 0; i < clips.size(); ++i) {
    if (cancel.isCancelled()) return cancelledError();
    const auto& clip = clips[i];
    const std::string id = clip.value("video_id", ""), mediaName = clip.value("media", ""),
                      truthName = clip.value("ground_truth", "");
    if (id.empty() || mediaName.empty() || truthName.empty())
      return makeError(ErrorCode::InvalidInput, "corpus.json: clip " + std::to_string(i) + " lacks its files");
    auto truthText = readBytes(dir / truthName);
    if (!truthText) return tl::unexpected(truthText.error());
    auto mediaBytes = readBytes(dir / mediaName);
    if (!mediaBytes) return tl::unexpected(mediaBytes.error());
    hash = fnv1a64(*mediaBytes, fnv1a64(*truthText, hash));
    auto truth = annotation::parseDemoTruth(*truthText);
    if (!truth) return makeError(ErrorCode::InvalidInput, truthName + ": " + truth.error().message);
    const std::string captions[3] = {truth->audioCaption, truth->visualCaption, truth->jointCaption};
    for (int s = 0; s < 3; ++s)
      if (captions[s].empty())
        return makeError(ErrorCode::InvalidInput, truthName + ": no " + std::string(annotation::stageName(annotation::Stage(s))) + " caption");
    const std::string key = id + "-" + hex(fnv1a64(*mediaBytes)) + "-" + hex(fnv1a64(version));
    auto inputs = clipInputs(dir / mediaName, key, config, options, cancel);
    if (!inputs) {
      auto error = inputs.error();
      if (!error.isCancelled()) error.message = mediaName + ": " + error.message;
      return tl::unexpected(error);
    }
    CaptionerInput mediaOnly;
    addMedia(inputs->features, mediaOnly);
    addSignals(inputs->signals, mediaOnly);
    CaptionerInput withFields = mediaOnly;
    withFields.fields = annotation::encodeFields(truth->audio, truth->visual);
    // The confirmed on-screen text replaces the OCR reading, as in an annotated stage.
    withFields.ocrLines = truth->visual.ocrLines;
    const std::string videoId = "demo-" + seed + "/" + id;
    for (const CaptionerInput* base : {&withFields, &mediaOnly}) {
      if (base == &mediaOnly && !options.mediaOnlyVariant) break;
      for (int s = 0; s < 3; ++s) {
        CaptionerInput in = *base;
        in.stage = static_cast<annotation::Stage>(s);
        if (in.stage == annotation::Stage::Joint) {
          in.audioCaption = captions[0];
          in.visualCaption = captions[1];
        }
        auto view = buildStageView(in);  // keeps only what the stage may see (and checks the fields)
        if (!view) return tl::unexpected(view.error());
        corpus.samples.push_back({videoId, "demo", std::move(*view), captions[s]});
      }
    }
    report(progress, "demo clips", int64_t(i + 1), int64_t(clips.size()));
  }
  corpus.dataHash = hex(hash);
  return {};
}

std::vector<std::string> corpusTexts(const TrainingCorpus& corpus) {
  std::vector<std::string> texts;
  for (const auto& s : corpus.samples) {
    texts.push_back(s.target);
    for (const auto& line : s.input.ocrLines) texts.push_back(line);
    for (const auto& [key, value] : s.input.fields) texts.push_back(value);
  }
  std::sort(texts.begin(), texts.end());
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  return texts;
}

}  // namespace ugc::model

#include "model/training_data.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

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

  // video_id -> answer of a released {"samples": [...]} file; absent optional file: empty map.
  Result<std::map<std::string, std::string>> answers(const fs::path& path, bool required) {
    std::map<std::string, std::string> out;
    std::error_code ec;
    if (!required && !fs::exists(path, ec)) return out;
    auto text = read(path);
    if (!text) return tl::unexpected(text.error());
    json j = json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.contains("samples") || !j["samples"].is_array())
      return makeError(ErrorCode::InvalidInput, path.filename().string() + ": not a released QA file");
    for (const auto& s : j["samples"]) {
      if (!s.is_object() || !s.contains("video_id") || !s.contains("answer") || !s["video_id"].is_string() ||
          !s["answer"].is_string())
        return makeError(ErrorCode::InvalidInput, path.filename().string() + ": a sample lacks video_id/answer");
      out[s["video_id"].get<std::string>()] = s["answer"].get<std::string>();
    }
    return out;
  }

  Result<std::map<std::string, std::vector<std::string>>> ocr(const fs::path& path) {
    std::map<std::string, std::vector<std::string>> out;
    std::error_code ec;
    if (!fs::exists(path, ec)) return out;
    auto text = read(path);
    if (!text) return tl::unexpected(text.error());
    std::istringstream lines(*text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
      ++number;
      if (line.empty()) continue;
      json j = json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.contains("video_id") || !j.contains("ocr") || !j["ocr"].is_array())
        return makeError(ErrorCode::InvalidInput, "ocr.jsonl line " + std::to_string(number) + " is malformed");
      auto& entry = out[j["video_id"].get<std::string>()];
      for (const auto& l : j["ocr"])
        if (l.is_string() && !l.get<std::string>().empty()) entry.push_back(l.get<std::string>());
    }
    return out;
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
  auto audio = reader.answers(dir / "audio_caption_qa.json", true);
  if (!audio) return tl::unexpected(audio.error());
  auto visual = reader.answers(dir / "visual_caption_qa.json", true);
  if (!visual) return tl::unexpected(visual.error());
  auto finals = reader.answers(dir / "final_caption_qa.json", true);
  if (!finals) return tl::unexpected(finals.error());
  auto tone = reader.answers(dir / "tone.json", false);
  auto voice = reader.answers(dir / "voice_source.json", false);
  auto bgm = reader.answers(dir / "BGM.json", false);
  auto objects = reader.answers(dir / "object.json", false);
  auto change = reader.answers(dir / "back_ground_change_new.json", false);
  for (const auto* r : {&tone, &voice, &bgm, &objects, &change})
    if (!*r) return tl::unexpected(r->error());
  auto ocr = reader.ocr(dir / "ocr.jsonl");
  if (!ocr) return tl::unexpected(ocr.error());

  auto lookup = [](const std::map<std::string, std::string>& m, const std::string& id) {
    auto it = m.find(id);
    return it == m.end() ? std::string() : it->second;
  };
  // Sorted by video id (a stable order); the three stages of a video sit together.
  for (const auto& [id, finalCaption] : *finals) {
    CaptionerInput all;
    if (auto v = lookup(*tone, id); !v.empty()) all.fields["tone"] = v;
    if (auto v = lookup(*voice, id); !v.empty()) all.fields["voice_source"] = v;
    if (auto v = lookup(*bgm, id); !v.empty()) all.fields["background_music"] = v;
    if (auto v = lookup(*objects, id); !v.empty()) all.fields["objects"] = v;
    if (auto v = lookup(*change, id); !v.empty()) all.fields["background_change"] = v;
    if (auto it = ocr->find(id); it != ocr->end()) all.ocrLines = it->second;
    const auto audioCaption = lookup(*audio, id), visualCaption = lookup(*visual, id);
    if (!audioCaption.empty()) {
      CaptionerInput in = all;
      in.stage = annotation::Stage::Audio;
      corpus.samples.push_back({id, "release-dev", std::move(in), audioCaption});
    }
    if (!visualCaption.empty()) {
      CaptionerInput in = all;
      in.stage = annotation::Stage::Visual;
      corpus.samples.push_back({id, "release-dev", std::move(in), visualCaption});
    }
    if (!finalCaption.empty()) {
      CaptionerInput in = all;
      in.stage = annotation::Stage::Joint;
      in.audioCaption = audioCaption;
      in.visualCaption = visualCaption;
      corpus.samples.push_back({id, "release-dev", std::move(in), finalCaption});
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

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string jsonText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  if (value.is_boolean()) return value.get<bool>() ? "Yes" : "No";
  return {};
}

// The ground-truth answers as captioner fields, in the release's spelling (objects as
// "category (count: N, color: C, position: P, action)", as the demo import stores them).
std::map<std::string, std::string> demoFields(const json& truth) {
  std::map<std::string, std::string> fields;
  const json& audio = truth.value("audio", json::object());
  for (const char* key : {"tone", "background_music", "language", "music_style", "voice_source"})
    if (auto v = jsonText(audio.value(key, json())); !v.empty()) fields[key] = v;
  if (audio.contains("speaker_count")) fields["speaker_count"] = jsonText(audio["speaker_count"]);
  if (audio.contains("speaker_genders") && audio["speaker_genders"].is_array()) {
    std::vector<std::string> genders;
    for (const auto& g : audio["speaker_genders"]) genders.push_back(jsonText(g));
    if (auto v = joined(genders, ", "); !v.empty()) fields["speaker_genders"] = v;
  }
  const json& visual = truth.value("visual", json::object());
  for (const char* key : {"background", "background_change", "motion"})
    if (auto v = jsonText(visual.value(key, json())); !v.empty()) fields[key] = v;
  if (visual.contains("objects") && visual["objects"].is_array()) {
    std::vector<std::string> entries;
    for (const auto& o : visual["objects"]) {
      if (!o.is_object()) continue;
      std::string position = jsonText(o.value("position", json()));
      if (auto action = jsonText(o.value("action", json())); !action.empty()) position += ", " + action;
      entries.push_back(jsonText(o.value("category", json())) + " (count: " + jsonText(o.value("count", json())) +
                        ", color: " + jsonText(o.value("color", json())) + ", position: " + position + ")");
    }
    if (auto v = joined(entries, "; "); !v.empty()) fields["objects"] = v;
  }
  return fields;
}

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
  const std::string seed = index.contains("seed") ? jsonText(index["seed"]) : std::string();
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
    const json truth = json::parse(*truthText, nullptr, false);
    if (truth.is_discarded() || !truth.is_object()) return makeError(ErrorCode::InvalidInput, truthName + ": not JSON");
    std::string captions[3];
    const char* sections[3] = {"audio", "visual", "joint"};
    for (int s = 0; s < 3; ++s) {
      const json section = truth.value(sections[s], json::object());
      captions[s] = section.is_object() ? jsonText(section.value("caption", json())) : std::string();
      if (captions[s].empty())
        return makeError(ErrorCode::InvalidInput, truthName + ": no " + sections[s] + " caption");
    }
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
    withFields.fields = demoFields(truth);
    // The confirmed on-screen text replaces the OCR reading, as in an annotated stage.
    if (const auto& v = truth.value("visual", json::object()); v.contains("ocr") && v["ocr"].is_array()) {
      withFields.ocrLines.clear();
      for (const auto& line : v["ocr"]) withFields.ocrLines.push_back(jsonText(line));
    }
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

#include "model/training_data.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

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
      in.stage = CaptionStage::Audio;
      corpus.samples.push_back({id, "release-dev", std::move(in), audioCaption});
    }
    if (!visualCaption.empty()) {
      CaptionerInput in = all;
      in.stage = CaptionStage::Visual;
      corpus.samples.push_back({id, "release-dev", std::move(in), visualCaption});
    }
    if (!finalCaption.empty()) {
      CaptionerInput in = all;
      in.stage = CaptionStage::Joint;
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
      input.stage = CaptionStage::Joint;
      corpus.samples.push_back({id, origin, std::move(input), caption});
    }
  }
  corpus.dataHash = hex(reader.hash);
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

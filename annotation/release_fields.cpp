#include "annotation/release_fields.h"

#include <cstdio>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "annotation/object_list.h"

namespace ugc::annotation {
namespace {

using nlohmann::json;

// Python's json string encoder with ensure_ascii=False: only '"', '\\' and C0 controls are
// escaped, the named ones by name, the rest as lowercase \u00XX; UTF-8 passes through.
void appendPythonString(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void appendIndentedStringList(std::string& out, const std::vector<std::string>& items, const std::string& indent) {
  if (items.empty()) {
    out += "[]";
    return;
  }
  out += "[\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += indent + "  ";
    appendPythonString(out, items[i]);
    out += i + 1 < items.size() ? ",\n" : "\n";
  }
  out += indent + "]";
}

Result<json> parseJson(std::string_view text, const std::string& what) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::exception& error) {
    return makeError(ErrorCode::InvalidInput, what + ": " + error.what());
  }
}

Result<std::string> stringMember(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string())
    return makeError(ErrorCode::InvalidInput, where + ": missing string \"" + key + "\"");
  return it->get<std::string>();
}

Result<std::vector<std::string>> stringListMember(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_array())
    return makeError(ErrorCode::InvalidInput, where + ": missing list \"" + key + "\"");
  std::vector<std::string> items;
  for (const json& item : *it) {
    if (!item.is_string()) return makeError(ErrorCode::InvalidInput, where + ": \"" + key + "\" holds a non-string");
    items.push_back(item.get<std::string>());
  }
  return items;
}

// The order in which files introduce videos: captions first, as the release lists them.
constexpr QaType kAssemblyOrder[] = {
    QaType::AudioCaption, QaType::VisualCaption,    QaType::FinalCaption, QaType::Tone,           QaType::VoiceSource,
    QaType::Ocr,          QaType::BackgroundChange, QaType::Objects,      QaType::BackgroundMusic};

void applySample(ReleaseVideo& video, QaType type, const ReleaseSample& sample) {
  video.samplePaths[type] = sample.path;
  switch (type) {
    case QaType::AudioCaption:
      video.audioCaption = sample.answer;
      break;
    case QaType::VisualCaption:
      video.visualCaption = sample.answer;
      break;
    case QaType::FinalCaption:
      video.finalCaption = sample.answer;
      break;
    case QaType::Tone:
      video.audio.tone = sample.answer;
      break;
    case QaType::VoiceSource:
      video.audio.voiceSource = sample.answer;
      break;
    case QaType::BackgroundMusic:
      video.audio.backgroundMusic = sample.answer;
      break;
    case QaType::Objects:
      video.visual.objects = parseObjectList(sample.answer);
      break;
    case QaType::BackgroundChange:
      video.visual.backgroundChanges = true;
      video.visual.backgroundChange = sample.answer;
      break;
    case QaType::Ocr:
      break;  // ocr.jsonl has no samples of this shape
  }
}

}  // namespace

Result<ReleaseQaFile> parseReleaseQaFile(std::string_view jsonText) {
  auto parsed = parseJson(jsonText, "release file");
  if (!parsed) return tl::unexpected(parsed.error());
  const json& root = *parsed;
  if (!root.is_object()) return makeError(ErrorCode::InvalidInput, "release file: not an object");
  ReleaseQaFile file;
  auto question = stringMember(root, "question", "release file");
  if (!question) return tl::unexpected(question.error());
  file.question = *question;
  auto count = root.find("valid_count");
  if (count == root.end() || !count->is_number_integer())
    return makeError(ErrorCode::InvalidInput, "release file: missing integer \"valid_count\"");
  file.validCount = count->get<long long>();
  auto samples = root.find("samples");
  if (samples == root.end() || !samples->is_array())
    return makeError(ErrorCode::InvalidInput, "release file: missing list \"samples\"");
  for (std::size_t i = 0; i < samples->size(); ++i) {
    const json& item = (*samples)[i];
    const std::string where = "sample " + std::to_string(i);
    if (!item.is_object()) return makeError(ErrorCode::InvalidInput, where + ": not an object");
    ReleaseSample sample;
    auto videoId = stringMember(item, "video_id", where);
    auto path = stringMember(item, "path", where);
    auto answer = stringMember(item, "answer", where);
    if (!videoId) return tl::unexpected(videoId.error());
    if (!path) return tl::unexpected(path.error());
    if (!answer) return tl::unexpected(answer.error());
    sample.videoId = *videoId;
    sample.path = *path;
    sample.answer = *answer;
    if (item.contains("options")) {
      auto options = stringListMember(item, "options", where);
      if (!options) return tl::unexpected(options.error());
      sample.options = *options;
    }
    file.samples.push_back(std::move(sample));
  }
  return file;
}

std::string formatReleaseQaFile(const ReleaseQaFile& file) {
  std::string out = "{\n  \"question\": ";
  appendPythonString(out, file.question);
  out += ",\n  \"valid_count\": " + std::to_string(file.validCount) + ",\n  \"samples\": ";
  if (file.samples.empty())
    out += "[]";
  else
    out += "[\n";
  for (std::size_t i = 0; i < file.samples.size(); ++i) {
    const ReleaseSample& sample = file.samples[i];
    out += "    {\n      \"video_id\": ";
    appendPythonString(out, sample.videoId);
    out += ",\n      \"path\": ";
    appendPythonString(out, sample.path);
    out += ",\n      \"answer\": ";
    appendPythonString(out, sample.answer);
    if (!sample.options.empty()) {
      out += ",\n      \"options\": ";
      appendIndentedStringList(out, sample.options, "      ");
    }
    out += i + 1 < file.samples.size() ? "\n    },\n" : "\n    }\n  ]";
  }
  out += "\n}";
  return out;
}

Result<std::vector<ReleaseOcrRecord>> parseReleaseOcrJsonl(std::string_view jsonlText) {
  std::vector<ReleaseOcrRecord> records;
  std::size_t lineNumber = 0;
  while (!jsonlText.empty()) {
    ++lineNumber;
    const std::size_t end = jsonlText.find('\n');
    std::string_view line = jsonlText.substr(0, end);
    jsonlText.remove_prefix(end == std::string_view::npos ? jsonlText.size() : end + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = "ocr.jsonl line " + std::to_string(lineNumber);
    auto parsed = parseJson(line, where);
    if (!parsed) return tl::unexpected(parsed.error());
    if (!parsed->is_object()) return makeError(ErrorCode::InvalidInput, where + ": not an object");
    auto videoId = stringMember(*parsed, "video_id", where);
    if (!videoId) return tl::unexpected(videoId.error());
    auto lines = stringListMember(*parsed, "ocr", where);
    if (!lines) return tl::unexpected(lines.error());
    records.push_back({*videoId, *lines});
  }
  return records;
}

std::string formatReleaseOcrJsonl(const std::vector<ReleaseOcrRecord>& records) {
  std::string out;
  for (const ReleaseOcrRecord& record : records) {
    out += "{\"video_id\": ";
    appendPythonString(out, record.videoId);
    out += ", \"ocr\": [";
    for (std::size_t i = 0; i < record.lines.size(); ++i) {
      if (i > 0) out += ", ";
      appendPythonString(out, record.lines[i]);
    }
    out += "]}\n";
  }
  return out;
}

std::string_view releaseFileName(QaType type) {
  switch (type) {
    case QaType::Tone:
      return "tone.json";
    case QaType::VoiceSource:
      return "voice_source.json";
    case QaType::Ocr:
      return "ocr.jsonl";
    case QaType::BackgroundChange:
      return "back_ground_change_new.json";
    case QaType::Objects:
      return "object.json";
    case QaType::BackgroundMusic:
      return "BGM.json";
    case QaType::AudioCaption:
      return "audio_caption_qa.json";
    case QaType::VisualCaption:
      return "visual_caption_qa.json";
    case QaType::FinalCaption:
      return "final_caption_qa.json";
  }
  return "";
}

Result<ReleaseDataset> parseReleaseDataset(const std::map<QaType, std::string>& fileTexts) {
  ReleaseDataset dataset;
  std::unordered_map<std::string, std::size_t> indexOf;
  auto videoFor = [&](const std::string& videoId) -> ReleaseVideo& {
    auto [it, inserted] = indexOf.emplace(videoId, dataset.videos.size());
    if (inserted) dataset.videos.push_back(ReleaseVideo{videoId, {}, {}, {}, {}, {}, {}});
    return dataset.videos[it->second];
  };
  for (QaType type : kAssemblyOrder) {
    auto text = fileTexts.find(type);
    if (text == fileTexts.end()) continue;
    const std::string fileName(releaseFileName(type));
    std::set<std::string> seen;
    if (type == QaType::Ocr) {
      auto records = parseReleaseOcrJsonl(text->second);
      if (!records) return makeError(ErrorCode::InvalidInput, fileName + ": " + records.error().message);
      for (const ReleaseOcrRecord& record : *records) {
        if (!seen.insert(record.videoId).second)
          return makeError(ErrorCode::InvalidInput, fileName + ": video " + record.videoId + " twice");
        videoFor(record.videoId).visual.ocrLines = record.lines;
      }
      dataset.ocr = std::move(*records);
      continue;
    }
    auto file = parseReleaseQaFile(text->second);
    if (!file) return makeError(ErrorCode::InvalidInput, fileName + ": " + file.error().message);
    for (const ReleaseSample& sample : file->samples) {
      if (!seen.insert(sample.videoId).second)
        return makeError(ErrorCode::InvalidInput, fileName + ": video " + sample.videoId + " twice");
      applySample(videoFor(sample.videoId), type, sample);
    }
    dataset.files.emplace(type, std::move(*file));
  }
  // Files that list only positive cases tell us the negatives of every other video.
  if (fileTexts.count(QaType::BackgroundChange)) {
    for (ReleaseVideo& video : dataset.videos) {
      if (!video.visual.backgroundChanges) video.visual.backgroundChanges = false;
    }
  }
  return dataset;
}

}  // namespace ugc::annotation

#include "pipeline/scoring/caption_scoring.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/scoring/json_text.h"

namespace ugc::pipeline::scoring {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

Result<std::string> readWhole(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return makeError(ErrorCode::NotFound, file.string() + ": no such file");
  std::ifstream in(file, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, file.string() + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

tl::unexpected<Error> invalid(const fs::path& file, const std::string& what) {
  return makeError(ErrorCode::InvalidInput, file.string() + ": " + what);
}

}  // namespace

Result<std::vector<CaptionScoreEntry>> readCaptionScoreFile(const fs::path& file) {
  auto text = readWhole(file);
  if (!text) return tl::unexpected(text.error());
  // Keys of "evaluations" seen while parsing: nlohmann keeps only the last of a repeated key.
  std::vector<std::string> duplicates;
  std::unordered_set<std::string> keys;
  bool inEvaluations = false;
  json root;
  try {
    root = json::parse(*text, [&](int depth, json::parse_event_t event, json& parsed) {
      if (event == json::parse_event_t::key && depth == 1) inEvaluations = parsed == "evaluations";
      if (event == json::parse_event_t::key && depth == 2 && inEvaluations) {
        auto key = parsed.get<std::string>();
        if (!keys.insert(key).second) duplicates.push_back(key);
      }
      return true;
    });
  } catch (const json::exception&) {  // a syntax error, or a number too large for a double
    auto reason = detail::parseJsonText(*text);
    return invalid(file, reason ? std::string("not valid JSON") : reason.error());
  }
  if (!duplicates.empty()) return invalid(file, "video " + duplicates.front() + " is scored twice");
  if (!root.is_object() || !root.contains("evaluations") || !root["evaluations"].is_object())
    return invalid(file, "no \"evaluations\" object (the released score-file format)");
  std::vector<CaptionScoreEntry> entries;
  for (const auto& [id, value] : root["evaluations"].items()) {
    if (!value.is_object()) return invalid(file, "video " + id + ": the entry is not an object");
    CaptionScoreEntry entry{id, {}};
    for (auto [key, target] : {std::pair<const char*, double*>{"visual_score", &entry.scores.visual},
                               {"audio_score", &entry.scores.audio},
                               {"details_score", &entry.scores.details},
                               {"average_score", &entry.scores.average}}) {
      auto it = value.find(key);
      if (it == value.end() || !it->is_number()) return invalid(file, "video " + id + ": no number \"" + key + "\"");
      *target = it->get<double>();
    }
    if (auto problem = annotation::scoring::captionScoresProblem(entry.scores); !problem.empty())
      return invalid(file, "video " + id + ": " + problem);
    entries.push_back(std::move(entry));
  }
  return entries;
}

Result<std::vector<std::string>> readVideoList(const fs::path& file) {
  auto text = readWhole(file);
  if (!text) return tl::unexpected(text.error());
  std::vector<std::string> ids;
  const auto firstChar = text->find_first_not_of(" \t\r\n");
  if (firstChar != std::string::npos && (*text)[firstChar] == '[') {
    auto parsed = detail::parseJsonText(*text);
    if (!parsed) return invalid(file, parsed.error());
    for (const auto& id : *parsed) {
      if (!id.is_string()) return invalid(file, "the JSON list holds a value that is not a video id");
      ids.push_back(id.get<std::string>());
    }
    return ids;
  }
  std::istringstream lines(*text);
  std::string line;
  while (std::getline(lines, line)) {
    const auto begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos || line[begin] == '#') continue;
    const auto end = line.find_last_not_of(" \t\r");
    ids.push_back(line.substr(begin, end - begin + 1));
  }
  return ids;
}

Result<CaptionScore> scoreCaptionFile(const fs::path& file, const std::optional<std::vector<std::string>>& videos) {
  auto entries = readCaptionScoreFile(file);
  if (!entries) return tl::unexpected(entries.error());
  std::vector<annotation::scoring::CaptionJudgeScores> chosen;
  CaptionScore score;
  if (videos) {
    std::unordered_set<std::string> wanted(videos->begin(), videos->end());
    std::unordered_set<std::string> present;
    for (const auto& e : *entries)
      if (wanted.count(e.videoId)) {
        chosen.push_back(e.scores);
        present.insert(e.videoId);
      }
    for (const auto& id : *videos)
      if (!present.count(id)) {
        if (score.missing++ == 0) score.firstMissing = id;
      }
  } else {
    for (const auto& e : *entries) chosen.push_back(e.scores);
  }
  if (chosen.empty()) return invalid(file, "no video to score");
  score.cells = annotation::scoring::captionTableCells(chosen);
  return score;
}

std::string captionScoreText(const CaptionScore& score) {
  const auto& c = score.cells;
  char buffer[512];
  std::snprintf(buffer, sizeof buffer,
                "final caption: audio %.1f  visual %.1f  details %.1f  average %.2f\n"
                "videos %zu (means on 1-5: audio %.3f, visual %.3f, details %.3f; unparsed replies %zu)\n",
                c.audio, c.visual, c.details, c.average, c.videos, c.meanAudio, c.meanVisual, c.meanDetails, c.unparsed);
  std::string out = buffer;
  if (score.missing > 0)
    out += std::to_string(score.missing) + " video(s) of the list have no score (first: " + score.firstMissing + ")\n";
  return out;
}

std::string captionScoreJson(const CaptionScore& score) {
  const auto& c = score.cells;
  json out = {{"audio", c.audio},
              {"visual", c.visual},
              {"details", c.details},
              {"average", annotation::scoring::roundLikePython(c.average, 2)},
              {"videos", c.videos},
              {"unparsed", c.unparsed},
              {"missing", score.missing}};
  return out.dump(2) + "\n";
}

}  // namespace ugc::pipeline::scoring

#include "pipeline/scoring/score_table.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include "pipeline/scoring/caption_scoring.h"
#include "pipeline/scoring/json_text.h"
#include "pipeline/scoring/ocr_scoring.h"

namespace ugc::pipeline::scoring {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using annotation::scoring::OcrVariant;

enum class FileKind { Unknown, Ocr, CaptionScores };

FileKind kindOf(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (file.extension() == ".jsonl") {
    std::string line;
    while (std::getline(in, line) && line.find_first_not_of(" \t\r") == std::string::npos) {
    }
    if (line.size() > (1u << 20)) return FileKind::Unknown;
    json first = json::parse(line, nullptr, false);
    if (first.is_object() && first.contains("video_id") && first.contains("ocr") && first.contains("predict_ocr"))
      return FileKind::Ocr;
    return FileKind::Unknown;
  }
  if (file.extension() == ".json") {
    // Cheap check before a full parse: the score format starts with its "evaluations" key.
    std::string head(256, '\0');
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(std::size_t(in.gcount()));
    const auto brace = head.find('{');
    if (brace != std::string::npos && head.find("\"evaluations\"", brace) != std::string::npos)
      return FileKind::CaptionScores;
  }
  return FileKind::Unknown;
}

std::string fixed(const std::optional<double>& v, const char* format) {
  if (!v) return "—";
  char b[32];
  std::snprintf(b, sizeof b, format, *v);
  return b;
}

}  // namespace

std::string systemKeyFromFileName(const fs::path& file) {
  std::string stem = file.stem().string();
  std::string key;
  for (char c : stem) {
    if (c == '-' || c == '_' || c == '.' || c == ' ') continue;
    key += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  }
  for (const char* suffix : {"ocroutputcleaned", "ocroutput", "ocr", "4o", "captions", "caption", "results",
                             "inference", "output", "scores", "score"}) {
    const std::string s = suffix;
    if (key.size() > s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0) key.erase(key.size() - s.size());
  }
  return key;
}

Result<ScoreTable> buildScoreTable(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return makeError(ErrorCode::NotFound, dir.string() + ": no such folder");
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file()) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  std::map<std::string, ScoreTableRow> rows;
  ScoreTable table;
  for (const auto& file : files) {
    const FileKind kind = kindOf(file);
    if (kind == FileKind::Unknown) {
      table.ignored.push_back(fs::relative(file, dir).string());
      continue;
    }
    const std::string key = systemKeyFromFileName(file);
    auto& row = rows[key];
    row.system = key;
    row.files.push_back(fs::relative(file, dir).string());
    if (kind == FileKind::Ocr) {
      for (OcrVariant variant : {OcrVariant::Cleaned, OcrVariant::Normalised}) {
        auto score = scoreOcrFile(file, variant);
        if (!score) return tl::unexpected(score.error());
        (variant == OcrVariant::Cleaned ? row.ocrCleaned : row.ocrNormalised) = score->mean.mean();
      }
    } else {
      auto score = scoreCaptionFile(file);
      if (!score) return tl::unexpected(score.error());
      row.caption = score->cells;
    }
  }
  for (auto& [key, row] : rows) table.rows.push_back(std::move(row));
  return table;
}

std::string scoreTableMarkdown(const ScoreTable& t) {
  std::string out =
      "| system | OCR (cleaned) | OCR (normalised) | FC audio | FC visual | FC details | FC average | videos |\n"
      "|---|---|---|---|---|---|---|---|\n";
  for (const auto& r : t.rows) {
    const auto c = r.caption;
    out += "| " + r.system + " | " + fixed(r.ocrCleaned, "%.3f") + " | " + fixed(r.ocrNormalised, "%.3f") + " | " +
           (c ? fixed(c->audio, "%.1f") + " | " + fixed(c->visual, "%.1f") + " | " + fixed(c->details, "%.1f") + " | " +
                    fixed(c->average, "%.2f") + " | " + std::to_string(c->videos)
              : std::string("— | — | — | — | —")) +
           " |\n";
  }
  if (!t.ignored.empty()) out += "\n" + std::to_string(t.ignored.size()) + " file(s) not recognised (not scored)\n";
  return out;
}

std::string scoreTableCsv(const ScoreTable& t) {
  std::string out = "system,ocr_cleaned,ocr_normalised,fc_audio,fc_visual,fc_details,fc_average,videos\n";
  const auto cell = [](const std::optional<double>& v, const char* f) { return v ? fixed(v, f) : std::string(); };
  for (const auto& r : t.rows) {
    const auto c = r.caption;
    out += r.system + "," + cell(r.ocrCleaned, "%.4f") + "," + cell(r.ocrNormalised, "%.4f") + ",";
    if (c)
      out += fixed(c->audio, "%.1f") + "," + fixed(c->visual, "%.1f") + "," + fixed(c->details, "%.1f") + "," +
             fixed(c->average, "%.2f") + "," + std::to_string(c->videos);
    else
      out += ",,,,";
    out += "\n";
  }
  return out;
}

std::string scoreTableJson(const ScoreTable& t) {
  json rows = json::array();
  for (const auto& r : t.rows) {
    json row = {{"system", r.system}, {"files", r.files}};
    if (r.ocrCleaned) row["ocr_cleaned"] = *r.ocrCleaned;
    if (r.ocrNormalised) row["ocr_normalised"] = *r.ocrNormalised;
    if (r.caption)
      row["final_caption"] = {{"audio", r.caption->audio},
                              {"visual", r.caption->visual},
                              {"details", r.caption->details},
                              {"average", annotation::scoring::roundLikePython(r.caption->average, 2)},
                              {"videos", r.caption->videos}};
    rows.push_back(row);
  }
  return json{{"rows", rows}, {"ignored", t.ignored}}.dump(2) + "\n";
}

std::string scoreTableSvg(const ScoreTable& t) {
  static const char* kColours[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1"};
  static const char* kSeries[] = {"FC audio", "FC visual", "FC details", "FC average", "OCR x100"};
  const int groupWidth = 130, bar = 20, height = 300, top = 40, left = 50;
  const int width = left + int(t.rows.size()) * groupWidth + 20;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height + top + 80) + "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  out += "<text x=\"" + std::to_string(left) + "\" y=\"20\" font-size=\"14\">UGC-VideoCap, Table 2 layout (0-100)</text>\n";
  for (int v = 0; v <= 100; v += 25) {
    const int y = top + height - v * height / 100;
    out += "<line x1=\"" + std::to_string(left) + "\" x2=\"" + std::to_string(width - 10) + "\" y1=\"" +
           std::to_string(y) + "\" y2=\"" + std::to_string(y) + "\" stroke=\"#ddd\"/>\n<text x=\"10\" y=\"" +
           std::to_string(y + 4) + "\">" + std::to_string(v) + "</text>\n";
  }
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& r = t.rows[i];
    std::optional<double> values[5];
    if (r.caption) {
      values[0] = r.caption->audio;
      values[1] = r.caption->visual;
      values[2] = r.caption->details;
      values[3] = r.caption->average;
    }
    const auto ocr = r.ocrCleaned ? r.ocrCleaned : r.ocrNormalised;
    if (ocr) values[4] = *ocr * 100;
    const int x0 = left + int(i) * groupWidth + 10;
    for (int s = 0; s < 5; ++s) {
      if (!values[s]) continue;
      const int h = int(std::clamp(*values[s], 0.0, 100.0) * height / 100);
      char b[256];
      std::snprintf(b, sizeof b,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s %s %.1f</title></rect>\n",
                    x0 + s * bar, top + height - h, bar - 2, h, kColours[s], r.system.c_str(), kSeries[s], *values[s]);
      out += b;
    }
    out += "<text x=\"" + std::to_string(x0) + "\" y=\"" + std::to_string(top + height + 16) + "\">" + r.system +
           "</text>\n";
  }
  for (int s = 0; s < 5; ++s)
    out += "<rect x=\"" + std::to_string(left + s * 100) + "\" y=\"" + std::to_string(top + height + 40) +
           "\" width=\"10\" height=\"10\" fill=\"" + kColours[s] + "\"/><text x=\"" + std::to_string(left + s * 100 + 14) +
           "\" y=\"" + std::to_string(top + height + 49) + "\">" + kSeries[s] + "</text>\n";
  return out + "</svg>\n";
}

}  // namespace ugc::pipeline::scoring

// PP-OCRv4 (graph runtime) vs Tesseract side by side on the OCR real-footage set
// (scripts/make-ocr-footage DIR: opencv-doc photographs with known overlay lines).
// Usage: bench_ocr_engines DIR. Prints per engine: truth lines read exactly, character error
// rate (Levenshtein over code points against the closest line read, 1.0 for nothing read), ms/frame.
// Then, when DIR has clip.mp4 (the 30 s clip of the same scenes), the signal extractor itself with
// each engine (--ocr-engine ppocr / tesseract): merged lines scored against clip-truth.tsv (a line
// counts when its text matches and one of its ranges overlaps the truth's), extra lines, ms per
// sampled frame and the extractor's wall time.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "model/extractors/ocr.h"
#include "model/extractors/signals.h"
#include "model/perception/ppocr.h"

namespace {

using namespace ugc;

std::vector<char32_t> codepoints(const std::string& s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0x3f >> (n - 1));
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3f);
    out.push_back(cp);
    i += n;
  }
  return out;
}

size_t levenshtein(const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

struct Score {
  int lines = 0, exact = 0, latin = 0, latinExact = 0, cjk = 0, cjkExact = 0;
  double cerSum = 0, seconds = 0;
  int frames = 0;
};

void scoreFrame(Score& s, const std::vector<std::string>& truth, const std::vector<std::string>& read) {
  for (const auto& t : truth) {
    const auto tc = codepoints(t);
    double best = 1.0;
    bool exact = false;
    for (const auto& r : read) {
      exact = exact || trim(r) == t;
      best = std::min(best, std::min(1.0, double(levenshtein(tc, codepoints(trim(r)))) / double(tc.size())));
    }
    const bool isCjk = t.size() != tc.size();
    ++s.lines;
    s.exact += exact;
    (isCjk ? s.cjk : s.latin) += 1;
    (isCjk ? s.cjkExact : s.latinExact) += exact;
    s.cerSum += best;
  }
}

struct ClipTruth {
  double start = 0, end = 0;
  std::string text;
};

void benchClip(const std::filesystem::path& dir) {
  std::ifstream truthFile(dir / "clip-truth.tsv");
  std::vector<ClipTruth> truth;
  for (std::string row; std::getline(truthFile, row);) {
    std::stringstream fields(row);
    ClipTruth t;
    std::string start, end;
    std::getline(fields, start, '\t');
    std::getline(fields, end, '\t');
    std::getline(fields, t.text);
    t.start = std::stod(start);
    t.end = std::stod(end);
    truth.push_back(t);
  }
  std::printf("\nSignal extractor on %s (%zu truth lines), OCR only, default frame rate:\n",
              (dir / "clip.mp4").c_str(), truth.size());
  std::printf("%-10s %12s %8s %8s %6s %8s %10s %8s\n", "engine", "exact", "Latin", "Chinese", "CER", "extra",
              "ms/frame", "wall s");
  for (auto [name, choice] : {std::pair{"PP-OCRv4", model::OcrEngineChoice::PpOcr},
                              std::pair{"Tesseract", model::OcrEngineChoice::Tesseract}}) {
    model::ExtractOptions options;
    options.audioEvents = options.voice = options.loudness = options.scenes = false;
    options.ocrEngine = choice;
    const auto start = std::chrono::steady_clock::now();
    auto signals = model::extractSignals(dir / "clip.mp4", options);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!signals) {
      std::printf("%-10s %s\n", name, signals.error().describe().c_str());
      continue;
    }
    double ocrSeconds = 0;
    for (const auto& t : signals->timings)
      if (t.name == "ocr") ocrSeconds = t.seconds;
    int exact = 0, latin = 0, latinExact = 0, chinese = 0, chineseExact = 0;
    double cer = 0;
    std::vector<bool> used(signals->ocr.lines.size(), false);
    for (const auto& t : truth) {
      const auto tc = codepoints(t.text);
      const bool isChinese = tc.size() != t.text.size();
      double best = 1.0;
      bool hit = false;
      for (size_t i = 0; i < signals->ocr.lines.size(); ++i) {
        const auto& line = signals->ocr.lines[i];
        bool overlaps = false;
        for (const auto& r : line.ranges) overlaps = overlaps || (r.start < t.end && r.end > t.start);
        if (!overlaps) continue;
        const double d = std::min(1.0, double(levenshtein(tc, codepoints(trim(line.text)))) / double(tc.size()));
        if (d < best) best = d;
        if (trim(line.text) == t.text) {
          hit = true;
          used[i] = true;
        } else if (d <= 0.34) {
          used[i] = true;  // a misreading of this line, not an extra one
        }
      }
      exact += hit;
      (isChinese ? chinese : latin) += 1;
      (isChinese ? chineseExact : latinExact) += hit;
      cer += best;
    }
    int extra = 0;
    for (size_t i = 0; i < used.size(); ++i) extra += used[i] ? 0 : 1;
    std::printf("%-10s %4d/%-2zu (%3.0f%%) %5d/%-2d %5d/%-2d %6.3f %8d %10.0f %8.2f\n", name, exact, truth.size(),
                100.0 * exact / double(truth.size()), latinExact, latin, chineseExact, chinese, cer / double(truth.size()),
                extra, 1000.0 * ocrSeconds / std::max(1, signals->ocr.framesSampled), wall);
    std::printf("           read:");
    for (const auto& line : signals->ocr.lines) std::printf(" [%s]", line.text.c_str());
    std::printf("\n           %d frames sampled, text detector on %d, %d recogniser calls\n",
                signals->ocr.framesSampled, signals->ocr.detectorCalls, signals->ocr.recognitionCalls);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "bench_ocr_engines: skipped; usage: bench_ocr_engines DIR (made by scripts/make-ocr-footage DIR)\n";
    return 0;
  }
  const std::filesystem::path dir = argv[1];
  std::ifstream truthFile(dir / "truth.tsv");
  if (!truthFile) {
    std::cerr << "no " << (dir / "truth.tsv") << "\n";
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto pp = model::PpOcrEngine::load();
  const double ppLoad = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!pp) {
    std::cerr << pp.error().describe() << "\n";
    return 1;
  }
  auto tess = model::TextRecognizer::create("/usr/share/tesseract-ocr/5/tessdata", "eng");
  if (!tess) {
    std::cerr << tess.error().describe() << "\n";
    return 1;
  }
  Score ppScore, tessScore;
  for (std::string row; std::getline(truthFile, row);) {
    const auto tab = row.find('\t');
    const std::string name = row.substr(0, tab);
    std::vector<std::string> truth;
    std::stringstream rest(row.substr(tab + 1));
    for (std::string part; std::getline(rest, part, '|');) truth.push_back(trim(part));
    media::RgbImage frame;
    frame.width = 720;
    frame.height = 1280;
    std::ifstream raw(dir / (name + ".rgb"), std::ios::binary);
    frame.pixels.assign(std::istreambuf_iterator<char>(raw), {});
    if (frame.pixels.size() != size_t(720) * 1280 * 3) {
      std::cerr << name << ": not a 720x1280 RGB24 frame\n";
      return 1;
    }

    auto start = std::chrono::steady_clock::now();
    auto lines = (*pp)->read(frame);
    ppScore.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++ppScore.frames;
    std::vector<std::string> ppRead;
    if (lines)
      for (const auto& l : *lines) ppRead.push_back(l.text);
    scoreFrame(ppScore, truth, ppRead);

    model::GrayImage gray{frame.width, frame.height, std::vector<uint8_t>(size_t(frame.width) * frame.height)};
    for (size_t i = 0; i < gray.pixels.size(); ++i)
      gray.pixels[i] =
          uint8_t((frame.pixels[i * 3] * 299 + frame.pixels[i * 3 + 1] * 587 + frame.pixels[i * 3 + 2] * 114) / 1000);
    start = std::chrono::steady_clock::now();
    std::vector<std::string> tessRead;
    for (const auto& band : model::findTextBands(gray))
      for (const auto& l : (*tess)->readBand(gray, band))
        if (l.confidence >= 55.0) tessRead.push_back(l.text);
    tessScore.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++tessScore.frames;
    scoreFrame(tessScore, truth, tessRead);

    std::cout << name << "\n  truth:     ";
    for (const auto& t : truth) std::cout << "[" << t << "] ";
    std::cout << "\n  PP-OCRv4:  ";
    for (const auto& r : ppRead) std::cout << "[" << r << "] ";
    std::cout << "\n  Tesseract: ";
    for (const auto& r : tessRead) std::cout << "[" << r << "] ";
    std::cout << "\n";
  }
  std::printf("\nPP-OCRv4 model load: %.2f s\n", ppLoad);
  std::printf("%-10s %8s %12s %12s %8s %12s\n", "engine", "lines", "exact", "exact Latin", "exact CJK",
              "CER  ms/frame");
  for (auto [name, s] : {std::pair{"PP-OCRv4", ppScore}, std::pair{"Tesseract", tessScore}}) {
    std::printf("%-10s %8d %7d (%3.0f%%) %6d/%-5d %4d/%-4d %5.3f %7.0f\n", name, s.lines, s.exact,
                100.0 * s.exact / s.lines, s.latinExact, s.latin, s.cjkExact, s.cjk, s.cerSum / s.lines,
                1000.0 * s.seconds / s.frames);
  }
  if (std::filesystem::exists(dir / "clip.mp4") && std::filesystem::exists(dir / "clip-truth.tsv")) benchClip(dir);
  return 0;
}

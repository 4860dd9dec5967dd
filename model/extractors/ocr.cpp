// Tesseract stays in this file. Reading whole frames costs ~0.5 s each; reading only the
// text-like bands, and only when they changed, keeps a 30 s clip well under a second.
#include "model/extractors/ocr.h"

#include "model/perception/ppocr.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace ugc::model {
namespace {

constexpr int kEdgeContrast = 48;  // gray-level step across 2 px that counts as a stroke edge
constexpr int kRowEdgesMin = 8;    // edges per row for a row to cross text
constexpr int kThumbWidth = 64, kThumbHeight = 16;
constexpr double kSameBandMeanDiff = 9.0;  // gray levels: below this the band did not change

// The band shrunk to kThumbWidth x kThumbHeight cells, each the mean of `value(gray)` over the
// cell's pixels: the change detectors below compare these instead of whole bands.
template <typename PixelValue>
std::vector<int> areaThumbnail(const GrayImage& frame, const TextBand& band, PixelValue value) {
  std::vector<int> thumb(size_t(kThumbWidth) * kThumbHeight, 0);
  const int w = band.x1 - band.x0, h = band.y1 - band.y0;
  for (int ty = 0; ty < kThumbHeight; ++ty)
    for (int tx = 0; tx < kThumbWidth; ++tx) {
      const int xa = band.x0 + tx * w / kThumbWidth, xb = std::max(xa + 1, band.x0 + (tx + 1) * w / kThumbWidth);
      const int ya = band.y0 + ty * h / kThumbHeight, yb = std::max(ya + 1, band.y0 + (ty + 1) * h / kThumbHeight);
      int sum = 0, count = 0;
      for (int y = ya; y < yb && y < frame.height; ++y)
        for (int x = xa; x < xb && x < frame.width; ++x) {
          sum += value(int(frame.at(x, y)));
          ++count;
        }
      thumb[size_t(ty) * kThumbWidth + size_t(tx)] = count ? sum / count : 0;
    }
  return thumb;
}

// Thumbnail of the band's brightest tone (caption fill, or the light background behind dark
// text), area-averaged: compares bands by their letters, ignoring colour drift and busy
// backgrounds darker than the caption, so an unchanged caption is not read again.
std::vector<int> thumbnail(const GrayImage& frame, const TextBand& band) {
  std::vector<int> histogram(256, 0);
  for (int y = band.y0; y < band.y1; ++y)
    for (int x = band.x0; x < band.x1; ++x) ++histogram[frame.at(x, y)];
  const long area = long(band.x1 - band.x0) * long(band.y1 - band.y0);
  int fill = 255;
  for (long seen = 0; fill > 0; --fill) {
    seen += histogram[size_t(fill)];
    if (seen >= area / 50) break;
  }
  const int tone = fill - 30;
  return areaThumbnail(frame, band, [tone](int gray) { return gray >= tone ? 255 : 0; });
}

double thumbDifference(const std::vector<int>& a, const std::vector<int>& b) {
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i) sum += std::abs(a[i] - b[i]);
  return sum / double(a.size());
}

double verticalOverlap(const TextBand& a, const TextBand& b) {
  const int inter = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  const int uni = std::max(a.y1, b.y1) - std::min(a.y0, b.y0);
  return inter > 0 && uni > 0 ? double(inter) / uni : 0.0;
}

}  // namespace

std::vector<TextBand> findTextBands(const GrayImage& frame, int maxBands) {
  const int w = frame.width, h = frame.height;
  std::vector<TextBand> bands;
  if (w < 16 || h < 16) return bands;
  std::vector<uint8_t> strong(size_t(w) * size_t(h), 0);
  std::vector<int> rowEdges(size_t(h), 0);
  // On a busy background (foliage, crowds, noise) most rows look like text at the usual edge
  // contrast; captions are drawn to stand out, so raise the contrast until few rows qualify.
  for (int contrast : {kEdgeContrast, 2 * kEdgeContrast, 3 * kEdgeContrast, 4 * kEdgeContrast}) {
    int textRows = 0;
    for (int y = 0; y < h; ++y) {
      const uint8_t* row = frame.pixels.data() + size_t(y) * size_t(w);
      bool inside = false;
      rowEdges[size_t(y)] = 0;
      for (int x = 1; x + 1 < w; ++x) {
        const bool edge = std::abs(int(row[x + 1]) - int(row[x - 1])) >= contrast;
        strong[size_t(y) * size_t(w) + size_t(x)] = edge;
        if (edge && !inside) ++rowEdges[size_t(y)];
        inside = edge;
      }
      textRows += rowEdges[size_t(y)] >= kRowEdgesMin ? 1 : 0;
    }
    if (textRows <= h / 4) break;
  }
  // Rows crossing text, closed over small gaps, grouped into bands.
  const int maxGap = std::max(2, h / 200);
  int y = 0;
  while (y < h) {
    if (rowEdges[size_t(y)] < kRowEdgesMin) {
      ++y;
      continue;
    }
    int end = y, gap = 0;
    for (int u = y; u < h; ++u) {
      if (rowEdges[size_t(u)] >= kRowEdgesMin) {
        end = u + 1;
        gap = 0;
      } else if (++gap > maxGap) {
        break;
      }
    }
    const int bandHeight = end - y;
    if (bandHeight >= 6 && bandHeight <= h / 3) {
      // Columns with edges, grouped where gaps are narrower than a word space.
      std::vector<int> columnEdges(size_t(w), 0);
      for (int v = y; v < end; ++v)
        for (int x = 0; x < w; ++x) columnEdges[size_t(x)] += strong[size_t(v) * size_t(w) + size_t(x)];
      const int wordGap = std::max(4, int(bandHeight * 1.2));
      int x = 0;
      while (x < w) {
        if (columnEdges[size_t(x)] == 0) {
          ++x;
          continue;
        }
        int xEnd = x, xGap = 0, edges = 0;
        for (int u = x; u < w; ++u) {
          if (columnEdges[size_t(u)] > 0) {
            xEnd = u + 1;
            xGap = 0;
            edges += columnEdges[size_t(u)];
          } else if (++xGap > wordGap) {
            break;
          }
        }
        if (xEnd - x >= int(bandHeight * 0.8) && edges >= 4 * bandHeight) {
          const int padY = bandHeight / 4 + 2, padX = bandHeight / 2 + 2;
          bands.push_back(
              {std::max(0, x - padX), std::max(0, y - padY), std::min(w, xEnd + padX), std::min(h, end + padY)});
        }
        x = xEnd + 1;
      }
    }
    y = end + 1;
  }
  std::sort(bands.begin(), bands.end(),
            [](const auto& a, const auto& b) { return (a.x1 - a.x0) * (a.y1 - a.y0) > (b.x1 - b.x0) * (b.y1 - b.y0); });
  if (int(bands.size()) > maxBands) bands.resize(size_t(maxBands));
  return bands;
}

struct TextRecognizer::Impl {
  tesseract::TessBaseAPI api;
  std::vector<uint8_t> scratch;
};

TextRecognizer::TextRecognizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TextRecognizer::~TextRecognizer() {
  if (impl_) impl_->api.End();
}

Result<std::unique_ptr<TextRecognizer>> TextRecognizer::create(const std::filesystem::path& tessdataDir,
                                                               const std::string& language) {
  std::error_code ec;
  if (!std::filesystem::exists(tessdataDir / (language + ".traineddata"), ec))
    return makeError(ErrorCode::NotFound,
                     "Tesseract language data not found: " + (tessdataDir / (language + ".traineddata")).string() +
                         " (install tesseract-ocr-" + language + ")");
  auto impl = std::make_unique<Impl>();
  if (impl->api.Init(tessdataDir.c_str(), language.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
    return makeError(ErrorCode::Internal, "Tesseract could not start with " + tessdataDir.string());
  impl->api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  impl->api.SetVariable("debug_file", "/dev/null");  // no warnings on stderr
  return std::unique_ptr<TextRecognizer>(new TextRecognizer(std::move(impl)));
}

std::vector<TextRecognizer::Line> TextRecognizer::readBand(const GrayImage& frame, const TextBand& band) {
  // Burned-in captions are mostly light letters with a dark outline. Inverted, the letters are
  // dark on light, which Tesseract reads best; upscaling small text to ~64 px helps the LSTM.
  const int coreHeight = std::max(1, (band.y1 - band.y0) * 2 / 3);
  const double scale = std::clamp(64.0 / coreHeight, 1.0, 3.0);
  const int w = band.x1 - band.x0, h = band.y1 - band.y0;
  const int pad = 12;  // Tesseract misreads letters that touch the image border
  const int sw = std::max(1, int(w * scale)), sh = std::max(1, int(h * scale));
  const int iw = sw + 2 * pad, ih = sh + 2 * pad;
  std::vector<uint8_t> scaled(size_t(sw) * size_t(sh));
  for (int y = 0; y < sh; ++y) {
    const double fy = std::clamp((y + 0.5) / scale - 0.5, 0.0, double(h - 1));
    const int y0 = int(fy), y1 = std::min(h - 1, y0 + 1);
    const double wy = fy - y0;
    for (int x = 0; x < sw; ++x) {
      const double fx = std::clamp((x + 0.5) / scale - 0.5, 0.0, double(w - 1));
      const int x0 = int(fx), x1 = std::min(w - 1, x0 + 1);
      const double wx = fx - x0;
      const double v =
          (1 - wy) * ((1 - wx) * frame.at(band.x0 + x0, band.y0 + y0) + wx * frame.at(band.x0 + x1, band.y0 + y0)) +
          wy * ((1 - wx) * frame.at(band.x0 + x0, band.y0 + y1) + wx * frame.at(band.x0 + x1, band.y0 + y1));
      scaled[size_t(y) * size_t(sw) + size_t(x)] = uint8_t(std::lround(v));
    }
  }
  // The brightest tone in the band is the letters' fill when captions are light with a dark
  // outline (the usual style): keeping only it gives clean dark-on-white letters.
  std::vector<int> histogram(256, 0);
  for (uint8_t v : scaled) ++histogram[v];
  int fill = 255;
  for (long seen = 0; fill > 0; --fill) {
    seen += histogram[size_t(fill)];
    if (seen >= long(scaled.size()) / 50) break;
  }

  enum class Variant { BrightFill, Inverted, Plain };
  auto recognise = [&](Variant variant) {
    auto& image = impl_->scratch;
    image.assign(size_t(iw) * size_t(ih),
                 variant == Variant::Plain ? uint8_t(scaled.empty() ? 255 : scaled[0]) : uint8_t(255));
    for (int y = 0; y < sh; ++y)
      for (int x = 0; x < sw; ++x) {
        const uint8_t v = scaled[size_t(y) * size_t(sw) + size_t(x)];
        const uint8_t out = variant == Variant::BrightFill ? (v >= fill - 30 ? 0 : 255)
                            : variant == Variant::Inverted ? uint8_t(255 - v)
                                                           : v;
        image[size_t(y + pad) * size_t(iw) + size_t(x + pad)] = out;
      }
    std::vector<Line> lines;
    impl_->api.SetImage(image.data(), iw, ih, 1, iw);
    impl_->api.SetSourceResolution(300);
    if (impl_->api.Recognize(nullptr) != 0) return lines;
    std::unique_ptr<tesseract::ResultIterator> it(impl_->api.GetIterator());
    if (!it) return lines;
    do {
      std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
      if (!text) continue;
      std::string line(text.get());
      while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
      // A lone bar is Tesseract's usual reading of a capital I.
      if (line.rfind("| ", 0) == 0) line[0] = 'I';
      for (size_t at; (at = line.find(" | ")) != std::string::npos;) line[at + 1] = 'I';
      if (!line.empty()) lines.push_back({line, it->Confidence(tesseract::RIL_TEXTLINE)});
    } while (it->Next(tesseract::RIL_TEXTLINE));
    return lines;
  };
  auto best = [](const std::vector<Line>& lines) {
    double top = 0;
    for (const auto& l : lines) top = std::max(top, l.confidence);
    return top;
  };
  std::vector<Line> lines;
  for (Variant variant : {Variant::BrightFill, Variant::Inverted, Variant::Plain}) {
    auto attempt = recognise(variant);
    if (best(attempt) > best(lines)) lines = std::move(attempt);
    if (best(lines) >= 85) break;
  }
  return lines;
}

Result<OcrSignal> recogniseOnScreenText(TextRecognizer& recognizer,
                                        const std::function<bool(GrayImage&, double&)>& nextFrame,
                                        const OcrParams& params, const CancelToken& cancel) {
  OcrSignal out;
  out.ran = true;
  out.engine = "Tesseract 5";
  struct Remembered {
    TextBand band;
    std::vector<int> thumb;
    std::vector<TextRecognizer::Line> lines;
    int lastFrame = 0;
  };
  std::vector<Remembered> memory;
  std::vector<TextReading> readings;
  GrayImage frame;
  double time = 0;
  while (nextFrame(frame, time)) {
    if (cancel.isCancelled()) return cancelledError();
    const int index = out.framesSampled++;
    for (const TextBand& band : findTextBands(frame)) {
      // Compared over the remembered box: this frame's box may differ by a few columns.
      Remembered* known = nullptr;
      for (auto& m : memory)
        if (verticalOverlap(m.band, band) >= 0.6 &&
            thumbDifference(m.thumb, thumbnail(frame, m.band)) <= kSameBandMeanDiff)
          known = &m;
      if (!known) {
        ++out.recognitionCalls;
        memory.push_back({band, thumbnail(frame, band), recognizer.readBand(frame, band), index});
        known = &memory.back();
      }
      known->lastFrame = index;
      const FrameBox box{double(band.x0) / frame.width, double(band.y0) / frame.height,
                         double(band.x1 - band.x0) / frame.width, double(band.y1 - band.y0) / frame.height};
      for (const auto& line : known->lines)
        if (line.confidence >= params.minConfidence) readings.push_back({time, line.text, line.confidence, box});
    }
    std::erase_if(memory, [&](const Remembered& m) { return index - m.lastFrame > 2; });
  }
  out.detectorCalls = out.framesSampled;  // text bands are found in every frame
  out.lines = mergeTextReadings(std::move(readings), params.merge);
  return out;
}

namespace {

// Area-averaged gray thumbnail of a box: unlike the brightest-tone thumbnail it also sees dark
// letters on a light box changing, which PP-OCRv4 reads as well as light ones.
std::vector<int> grayThumbnail(const GrayImage& frame, const TextBand& band) {
  return areaThumbnail(frame, band, [](int gray) { return gray; });
}

constexpr double kSameBoxMeanDiff = 12.0;  // gray levels over the gray thumbnail

bool similarWidth(const TextBand& a, const TextBand& b) {
  const int wa = a.x1 - a.x0, wb = b.x1 - b.x0;
  return std::abs(wa - wb) <= std::max(wa, wb) / 6 && std::min(a.x1, b.x1) > std::max(a.x0, b.x0);
}

}  // namespace

GrayImage toGrayImage(const media::RgbImage& rgb) {
  GrayImage gray{rgb.width, rgb.height, std::vector<uint8_t>(size_t(rgb.width) * size_t(rgb.height))};
  if (rgb.pixels.size() < gray.pixels.size() * 3) return GrayImage{};
  const uint8_t* p = rgb.pixels.data();
  for (size_t i = 0; i < gray.pixels.size(); ++i, p += 3)
    gray.pixels[i] = uint8_t((77 * p[0] + 150 * p[1] + 29 * p[2]) >> 8);  // BT.601 luma
  return gray;
}

Result<OcrSignal> recogniseOnScreenTextPpOcr(const PpOcrEngine& engine,
                                             const std::function<bool(media::RgbImage&, double&)>& nextFrame,
                                             const OcrParams& params, const CancelToken& cancel) {
  OcrSignal out;
  out.ran = true;
  out.engine = PpOcrEngine::kEngineName;
  struct Remembered {
    TextBand band;
    std::vector<int> thumb;
    std::vector<PpOcrLine> lines;  // what the box read as (empty: nothing confident)
    int lastFrame = 0;
    long id = 0;
  };
  std::vector<Remembered> memory;
  long nextId = 0;
  std::vector<long> lastFrameIds;  // the boxes of the last detected frame, by Remembered::id
  std::vector<TextReading> readings;
  media::RgbImage frame;
  double time = 0;
  FrameChangeGate gate(params.changeGate);
  int detectedWidth = 0, detectedHeight = 0;
  auto addReadings = [&](Remembered& m, int index) {
    m.lastFrame = index;
    for (const auto& line : m.lines) {
      const double confidence = 100.0 * line.confidence;
      if (confidence < params.minConfidence) continue;
      const FrameBox box{double(m.band.x0) / frame.width, double(m.band.y0) / frame.height,
                         double(m.band.x1 - m.band.x0) / frame.width, double(m.band.y1 - m.band.y0) / frame.height};
      readings.push_back({time, line.text, confidence, box});
    }
  };
  while (nextFrame(frame, time)) {
    if (cancel.isCancelled()) return cancelledError();
    const int index = out.framesSampled++;
    if (frame.width < 4 || frame.height < 4 || frame.pixels.size() != size_t(frame.width) * frame.height * 3) continue;
    const bool sameSize = frame.width == detectedWidth && frame.height == detectedHeight;
    std::optional<GrayImage> gray;
    if (params.reuseBoxesOnUnchangedFrames && sameSize && !gate.mustDetect(frame)) {
      // Nothing changed since the last detected frame, as far as the gate sees; the text boxes
      // themselves are checked closely (a countdown's "TWO" turning into "ONE" keeps the cells'
      // texture): if each still looks as when it was read, its reading stands.
      gray = toGrayImage(frame);
      std::vector<Remembered*> last;
      bool boxesUnchanged = true;
      for (auto& m : memory)
        if (std::find(lastFrameIds.begin(), lastFrameIds.end(), m.id) != lastFrameIds.end()) {
          last.push_back(&m);
          boxesUnchanged = boxesUnchanged && thumbDifference(m.thumb, grayThumbnail(*gray, m.band)) <= kSameBoxMeanDiff;
        }
      if (boxesUnchanged) {
        for (Remembered* m : last) addReadings(*m, index);
        continue;
      }
      gate.detectedAnyway(frame);
    }
    if (!sameSize) gate.mustDetect(frame);  // the gate's reference follows the detected frames
    auto boxes = engine.detect(frame);
    ++out.detectorCalls;
    detectedWidth = frame.width, detectedHeight = frame.height;
    if (!boxes) return tl::unexpected(boxes.error());
    if (!gray) gray = toGrayImage(frame);
    std::vector<long> known(boxes->size(), -1);  // indices into memory (it grows below)
    std::vector<PpOcrBox> toRead;
    std::vector<size_t> toReadIndex;
    for (size_t i = 0; i < boxes->size(); ++i) {
      const PpOcrBox& b = (*boxes)[i];
      const TextBand band{b.x, b.y, b.x + b.width, b.y + b.height};
      for (size_t j = 0; j < memory.size(); ++j)
        if (verticalOverlap(memory[j].band, band) >= 0.6 && similarWidth(memory[j].band, band) &&
            thumbDifference(memory[j].thumb, grayThumbnail(*gray, memory[j].band)) <= kSameBoxMeanDiff)
          known[i] = long(j);
      if (known[i] < 0) {
        toRead.push_back(b);
        toReadIndex.push_back(i);
      }
    }
    if (!toRead.empty()) {
      out.recognitionCalls += int(toRead.size());
      auto lines = engine.recognise(frame, toRead);
      if (!lines) return tl::unexpected(lines.error());
      // recognise() keeps each line's (clamped) box: match them back to the boxes asked for.
      std::vector<Remembered> fresh;
      for (size_t k = 0; k < toRead.size(); ++k) {
        const PpOcrBox& b = toRead[k];
        Remembered m{{b.x, b.y, b.x + b.width, b.y + b.height}, {}, {}, index, nextId++};
        m.thumb = grayThumbnail(*gray, m.band);
        for (const auto& line : *lines)
          if (line.x == b.x && line.y == b.y && line.width == b.width && line.height == b.height) m.lines.push_back(line);
        fresh.push_back(std::move(m));
      }
      const size_t before = memory.size();
      for (auto& m : fresh) memory.push_back(std::move(m));
      for (size_t k = 0; k < toReadIndex.size(); ++k) known[toReadIndex[k]] = long(before + k);
    }
    lastFrameIds.clear();
    for (long j : known) {
      addReadings(memory[size_t(j)], index);
      lastFrameIds.push_back(memory[size_t(j)].id);
    }
    std::erase_if(memory, [&](const Remembered& m) { return index - m.lastFrame > 2; });
  }
  out.lines = mergeTextReadings(std::move(readings), params.merge);
  return out;
}

}  // namespace ugc::model

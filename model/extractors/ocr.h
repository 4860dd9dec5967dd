#pragma once
// On-screen text: text found in each sampled frame is read (only when it changed since it was
// last read) with PP-OCRv4 or, as the fallback, Tesseract, and merged across frames.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/media_types.h"
#include "core/progress.h"
#include "model/extractors/frame_change.h"
#include "model/extractors/signals.h"
#include "model/extractors/text_lines.h"

namespace ugc::model {

// 8-bit grayscale, rows without padding.
struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;
  uint8_t at(int x, int y) const { return pixels[size_t(y) * size_t(width) + size_t(x)]; }
};

struct TextBand {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // half-open box in frame pixels, padded
};

// Horizontal bands dense in strong, alternating edges (letters), largest first; at most maxBands.
std::vector<TextBand> findTextBands(const GrayImage& frame, int maxBands = 6);

// BT.601 luma of an RGB frame.
GrayImage toGrayImage(const media::RgbImage& rgb);

// One Tesseract engine (not thread-safe: one per thread). PImpl keeps its headers private.
class TextRecognizer {
 public:
  static Result<std::unique_ptr<TextRecognizer>> create(const std::filesystem::path& tessdataDir,
                                                        const std::string& language);
  ~TextRecognizer();
  TextRecognizer(const TextRecognizer&) = delete;
  TextRecognizer& operator=(const TextRecognizer&) = delete;

  struct Line {
    std::string text;
    double confidence = 0;
  };
  // Lines read in a crop of the frame, preprocessed for burned-in captions.
  std::vector<Line> readBand(const GrayImage& frame, const TextBand& band);

 private:
  struct Impl;
  explicit TextRecognizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct OcrParams {
  double frameInterval = 0.5;
  double minConfidence = 55.0;
  TextMergeParams merge;
  // PP-OCRv4: on a frame the change gate passes as unchanged since the last detected one, the
  // text boxes of that frame are reused instead of running the detector again.
  bool reuseBoxesOnUnchangedFrames = true;
  FrameChangeGateParams changeGate;
};

// Reads frames one by one from `nextFrame` (false at the end) so long videos never sit in
// memory whole. Returns Cancelled when the token fires.
Result<OcrSignal> recogniseOnScreenText(TextRecognizer& recognizer,
                                        const std::function<bool(GrayImage&, double&)>& nextFrame,
                                        const OcrParams& params, const CancelToken& cancel);

class PpOcrEngine;

// The same with PP-OCRv4 (model/perception/ppocr.h): text boxes are detected in every frame that
// changed (frame_change.h; the others reuse the last detected frame's boxes) and a box is
// recognised only when its pixels changed since it was last read; lines keep their boxes.
Result<OcrSignal> recogniseOnScreenTextPpOcr(const PpOcrEngine& engine,
                                             const std::function<bool(media::RgbImage&, double&)>& nextFrame,
                                             const OcrParams& params, const CancelToken& cancel);

}  // namespace ugc::model

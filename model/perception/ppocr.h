#pragma once
// PP-OCRv4 on the graph runtime: DB text detection, box post-processing, orientation
// classification and CTC recognition (Chinese + English alphabet, ppocr_keys_v1.txt).
// Plain C++ (no torch here): the networks run in model/graph/graph_runtime.cpp.
//
// Resize policy: the detector sees the frame scaled so its longer side is at most maxSide (960 px,
// never upscaled), each side rounded to a multiple of 32 (at least 32). Recognition crops are scaled
// to 48 px high keeping their aspect ratio (width capped at 1280 px); the classifier sees 48x192.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/media_types.h"
#include "model/pretrained_models.h"

namespace ugc::model {

struct PpOcrParams {
  int maxSide = 960;
  float binaryThreshold = 0.3f;  // DB probability for a text pixel
  float boxThreshold = 0.6f;     // mean probability inside a kept box
  float unclipRatio = 1.5f;      // box grown by area * ratio / perimeter (DB's unclip)
  int minBoxSide = 3;            // detector pixels
  float minLineConfidence = 0.5f;
  bool useOrientation = true;  // classifier flips upside-down lines
};

struct PpOcrLine {
  std::string text;                         // UTF-8
  float confidence = 0;                     // mean of the emitted characters' probabilities
  int x = 0, y = 0, width = 0, height = 0;  // axis-aligned box in frame pixels
};

struct PpOcrBox {
  int x = 0, y = 0, width = 0, height = 0;  // frame pixels
};

class PpOcrEngine {
 public:
  // Loads the three networks and the keys from the models cache (verified by sha256). NotFound /
  // InvalidInput errors name the model and scripts/fetch-models ppocr-v4.
  static Result<std::unique_ptr<PpOcrEngine>> load(const std::filesystem::path& cacheDir = modelsCacheDir(),
                                                   const PpOcrParams& params = {});
  ~PpOcrEngine();
  PpOcrEngine(const PpOcrEngine&) = delete;
  PpOcrEngine& operator=(const PpOcrEngine&) = delete;

  // Lines in reading order (top to bottom, then left to right). An empty or tiny frame gives no
  // lines; a malformed one (pixel buffer not width*height*3) is InvalidArgument.
  Result<std::vector<PpOcrLine>> read(const media::RgbImage& frame) const;

  // The two halves of read(), for callers that skip recognising text they have already read
  // (the signal extractor re-reads a box only when its pixels changed). detect() gives the text
  // boxes in reading order; recognise() classifies their orientation and reads them (lines under
  // the confidence threshold are left out; each line keeps its box).
  Result<std::vector<PpOcrBox>> detect(const media::RgbImage& frame) const;
  Result<std::vector<PpOcrLine>> recognise(const media::RgbImage& frame, const std::vector<PpOcrBox>& boxes) const;

  static constexpr const char* kEngineName = "PP-OCRv4";

 private:
  struct Impl;
  explicit PpOcrEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ugc::model

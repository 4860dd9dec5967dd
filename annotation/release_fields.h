#pragma once
// The released UGC-VideoCap annotation files (release-dev/*.json, ocr.jsonl) as plain types,
// and the per-video structured fields they imply. Pure: it takes and returns JSON text, the
// caller reads and writes the files. Formatting reproduces the release byte for byte
// (Python json.dumps(indent=2, ensure_ascii=False) without a trailing newline; ocr.jsonl one
// json.dumps(ensure_ascii=False) per line, newline-terminated).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "annotation/fields.h"
#include "annotation/qa.h"
#include "core/error.h"

namespace ugc::annotation {

// One sample of a released .json file, in the release's key order.
struct ReleaseSample {
  std::string videoId;
  std::string path;  // belongs to this sample of this file, not to the video
  std::string answer;
  std::vector<std::string> options;  // empty = the sample has no "options" key
  bool operator==(const ReleaseSample&) const = default;
};

struct ReleaseQaFile {
  std::string question;
  long long validCount = 0;
  std::vector<ReleaseSample> samples;
  bool operator==(const ReleaseQaFile&) const = default;
};

struct ReleaseOcrRecord {
  std::string videoId;
  std::vector<std::string> lines;
  bool operator==(const ReleaseOcrRecord&) const = default;
};

// InvalidInput (with the sample index) on malformed JSON or a missing/mistyped key.
Result<ReleaseQaFile> parseReleaseQaFile(std::string_view jsonText);
std::string formatReleaseQaFile(const ReleaseQaFile& file);
Result<std::vector<ReleaseOcrRecord>> parseReleaseOcrJsonl(std::string_view jsonlText);
std::string formatReleaseOcrJsonl(const std::vector<ReleaseOcrRecord>& records);

// "tone.json", "voice_source.json", "ocr.jsonl", "back_ground_change_new.json", "object.json",
// "BGM.json", "audio_caption_qa.json", "visual_caption_qa.json", "final_caption_qa.json".
std::string_view releaseFileName(QaType type);

// Everything the release says about one video.
struct ReleaseVideo {
  std::string videoId;
  AudioFields audio;    // tone, voiceSource, backgroundMusic (the rest is not released)
  VisualFields visual;  // ocrLines, objects, backgroundChanges/backgroundChange
  std::string audioCaption;
  std::string visualCaption;
  std::string finalCaption;
  std::map<QaType, std::string> samplePaths;  // the "path" of this video's sample in each file
  bool operator==(const ReleaseVideo&) const = default;
};

struct ReleaseDataset {
  std::map<QaType, ReleaseQaFile> files;  // the .json files given
  std::vector<ReleaseOcrRecord> ocr;      // ocr.jsonl, when given
  std::vector<ReleaseVideo> videos;       // in order of first appearance, files in kAllQaTypes order
                                          // with the captions first
};

// `fileTexts` maps each QA type to the text of its release file; absent files are allowed.
// Field rules: a video absent from back_ground_change_new.json has backgroundChanges = false
// when that file is given (the release lists only changing backgrounds), else unknown; OCR
// likewise gives an empty list. A video id twice in one file is InvalidInput.
Result<ReleaseDataset> parseReleaseDataset(const std::map<QaType, std::string>& fileTexts);

}  // namespace ugc::annotation

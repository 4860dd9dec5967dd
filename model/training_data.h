#pragma once
// Training pairs for the captioner, read straight from the released files (plain JSON, no db/).
//  - release-dev: fields -> audio caption; fields + OCR + objects + background change -> visual
//    caption; audio + visual caption (+ everything) -> final caption.
//  - train-data SFT/GRPO: final captions without inputs (a language prior for the joint stage).
//  - later: demo-corpus clips whose samples carry log-mel features and frames.

#include <string>
#include <vector>

#include "core/error.h"
#include "model/captioner.h"

namespace ugc::model {

struct TrainingSample {
  std::string videoId;
  std::string origin;  // "release-dev", "sft", "grpo", ...
  CaptionerInput input;
  std::string target;
};

struct TrainingCorpus {
  std::vector<TrainingSample> samples;
  std::string dataHash;   // FNV-1a 64 over the bytes of every file read, hex
  std::vector<std::string> files;
};

// Reads *_caption_qa.json, tone.json, voice_source.json, BGM.json, object.json,
// back_ground_change_new.json and ocr.jsonl (the optional ones may be absent).
Result<TrainingCorpus> loadReleaseCorpus(const std::string& releaseDir);
// Appends the SFT/GRPO final captions of sft_*.jsonl and grpo_*.jsonl in trainDataDir (sorted by name),
// skipping captions already present.
Status appendInstructionCorpus(const std::string& trainDataDir, TrainingCorpus& corpus);

// The held-out split: a stable hash of the video id, so a video's three stages stay together.
bool isHeldOutVideo(const std::string& videoId, double fraction);

// Every caption text of the corpus (targets and caption inputs), for tokenizer training.
std::vector<std::string> corpusTexts(const TrainingCorpus& corpus);

uint64_t fnv1a64(std::string_view bytes, uint64_t hash = 1469598103934665603ull);

}  // namespace ugc::model

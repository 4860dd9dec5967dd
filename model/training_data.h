#pragma once
// Training pairs for the captioner, read straight from the released files (plain JSON, no db/).
//  - release-dev: fields -> audio caption; fields + OCR + objects + background change -> visual
//    caption; audio + visual caption (+ everything) -> final caption.
//  - train-data SFT/GRPO: final captions without inputs (a language prior for the joint stage).
//  - demo-corpus clips (app/demo): media features + extractor signals (+ the ground-truth fields)
//    -> the ground-truth captions, so the audio and visual encoders learn from real media.

#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
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
  std::string dataHash;  // FNV-1a 64 over the bytes of every file read, hex
  std::vector<std::string> files;
};

// Reads *_caption_qa.json, tone.json, voice_source.json, BGM.json, object.json,
// back_ground_change_new.json and ocr.jsonl (the optional ones may be absent).
Result<TrainingCorpus> loadReleaseCorpus(const std::string& releaseDir);
// Appends the SFT/GRPO final captions of sft_*.jsonl and grpo_*.jsonl in trainDataDir (sorted by name),
// skipping captions already present.
Status appendInstructionCorpus(const std::string& trainDataDir, TrainingCorpus& corpus);

struct DemoCorpusOptions {
  // Where each clip's media features and signals are kept (serializeMediaFeatures, signals JSON),
  // keyed by the media bytes and mediaFeaturesVersion(); empty: recomputed every time.
  std::string cacheDir;
  // Per clip and stage, a second sample with media and signals only (no confirmed fields), the
  // way a fresh work clip is drafted; without it the decoder can lean on the fields alone.
  bool mediaOnlyVariant = true;
};

// Appends the clips of a demo corpus folder (corpus.json, <id>.mp4, <id>.json; docs/formats.md
// "Demo ground truth") as origin "demo" samples, three stages per clip (twice with
// mediaOnlyVariant). Inputs are built exactly as drafting builds them: extractMediaFeatures +
// addMedia, extractSignals + addSignals (model/media_features.h). The data hash then also covers the
// corpus files and the feature version. Errors: NotFound, InvalidInput, Cancelled, media errors.
Status appendDemoCorpus(const std::string& demoDir, const CaptionerConfig& config, TrainingCorpus& corpus,
                        const ProgressSink& progress, const CancelToken& cancel, const DemoCorpusOptions& options = {});

// The held-out split: a stable hash of the video id, so a video's three stages stay together.
bool isHeldOutVideo(const std::string& videoId, double fraction);

// Every caption text of the corpus (targets and caption inputs), for tokenizer training.
std::vector<std::string> corpusTexts(const TrainingCorpus& corpus);

uint64_t fnv1a64(std::string_view bytes, uint64_t hash = 1469598103934665603ull);

}  // namespace ugc::model

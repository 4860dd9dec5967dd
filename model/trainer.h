#pragma once
// Supervised (teacher-forced) training of the captioner: seeded and deterministic, a held-out split
// of release-dev videos, Adam with linear warm-up and inverse-sqrt decay, gradient clipping,
// checkpoints that a later run resumes, progress and cancellation.
//
// The output folder is a loadable model (Captioner::load) plus optimizer.pt, trainer_state.json
// and card.json (config, data hash, command, steps, loss curve, time).

#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "model/captioner.h"
#include "model/training_data.h"

namespace ugc::model {

enum class RateSchedule {
  InverseSqrt,  // linear warm-up, then peak * sqrt(warmup / step): open-ended runs
  Cosine,       // linear warm-up, then a cosine from the peak down to 10 % of it at `steps`
};

struct TrainerParams {
  CaptionerConfig config = CaptionerConfig::defaultConfig();
  std::string tokenizerPath;  // SentencePiece model (resources/tokenizer/ugc_captions.model)
  std::string outDir;
  int steps = 2000;       // total optimizer steps (a resumed run continues to this count)
  double maxMinutes = 0;  // 0: no time limit; otherwise stop (and checkpoint) after this long
  int batchSize = 8;
  double learningRate = 5e-4;  // peak, reached after warmupSteps
  int warmupSteps = 100;
  RateSchedule schedule = RateSchedule::InverseSqrt;
  // Share of each batch drawn from the samples that carry media (log-mel or frames), when the
  // corpus has both kinds: media samples are few (demo clips) and would otherwise be seen rarely.
  // At least one slot per batch when positive; 0: one order over all samples.
  double mediaShare = 0.125;
  // Batches of similar lengths (sorted within windows of 64 batches, then shuffled): far less
  // padding per step (`ugccap train` turns it on). Off: every batch is a uniform draw.
  bool lengthBuckets = false;
  double clipNorm = 1.0;
  double weightDecay = 0.0;
  uint64_t seed = 1;
  int threads = 1;               // torch intra-op threads, set explicitly
  double heldOutFraction = 0.1;  // of release-dev videos, by hashed id
  int evalEvery = 50;            // steps between held-out evaluations (and loss-curve points)
  int evalSamples = 48;          // held-out samples per evaluation (a fixed subset)
  int checkpointEvery = 100;
  bool resume = false;  // continue from outDir's checkpoint
  std::string command;  // recorded in the card
  static TrainerParams defaultParams() { return {}; }
};

struct LossPoint {
  int step = 0;
  double trainLoss = 0;    // mean over the steps since the previous point
  double heldOutLoss = 0;  // negative when there is no held-out data
  double mediaLoss = -1;   // on a fixed subset of the training samples with media; negative: none
  double seconds = 0;
};

struct TrainingReport {
  int steps = 0;       // completed steps in total (including resumed ones)
  double seconds = 0;  // wall time in total
  int64_t parameters = 0;
  size_t trainSamples = 0;
  size_t heldOutSamples = 0;
  size_t mediaSamples = 0;  // training samples that carry log-mel or frames
  bool stoppedByTime = false;
  std::vector<LossPoint> curve;
};

// Returns ErrorCode::Cancelled when the token fires (after writing a checkpoint a resume continues).
Result<TrainingReport> trainCaptioner(const TrainerParams& params, const TrainingCorpus& corpus,
                                      const ProgressSink& progress, const CancelToken& cancel);

}  // namespace ugc::model

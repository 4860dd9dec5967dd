#pragma once
// Agreement and quality metrics: Cohen's kappa for multiple-choice fields, ROUGE-L F1, token
// Jaccard and corpus BLEU-4 for captions (the captioner evaluation reuses BLEU), a word diff
// for the GUI, and per-annotator statistics from workflow events. Definitions:
// docs/workflow.md ("Metrics").

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "annotation/fields.h"
#include "annotation/workflow.h"
#include "core/error.h"

namespace ugc::annotation {

// Metric tokens: ASCII-lowercased, split on every byte that is not an ASCII letter or digit;
// bytes >= 0x80 count as letters so UTF-8 words stay whole. "Don't stop!" -> don, t, stop.
std::vector<std::string> metricTokens(std::string_view text);

// Cohen's kappa of two annotators' labels for the same items (labels compared after trimming,
// ASCII case-insensitively: "neutral" == "Neutral"). When chance agreement is 1 (both used
// one and the same label throughout) kappa is defined as 1. InvalidArgument for different
// lengths or no items.
Result<double> cohenKappa(const std::vector<std::string>& first, const std::vector<std::string>& second);

// Kappa per multiple-choice field over videos labelled by two annotators (same order):
// "tone", "background_music", "music_style", "voice_source", "speaker_count" for audio;
// "background_changes" ("yes"/"no"/"") for visual. An unanswered field is the label "".
// InvalidArgument when the lists differ in size or are empty.
Result<std::map<std::string, double>> audioFieldKappas(const std::vector<AudioFields>& first,
                                                       const std::vector<AudioFields>& second);
Result<std::map<std::string, double>> visualFieldKappas(const std::vector<VisualFields>& first,
                                                        const std::vector<VisualFields>& second);

// ROUGE-L F1 (beta = 1) on metric tokens: LCS / |candidate| and LCS / |reference|, their
// harmonic mean; 0 when either is empty.
double rougeLF1(std::string_view candidate, std::string_view reference);

// |A ∩ B| / |A ∪ B| of the two token sets; 1 for two empty texts.
double tokenJaccard(std::string_view first, std::string_view second);

struct BleuScore {
  double bleu = 0;
  std::array<double, 4> precisions{};  // clipped n-gram precisions, n = 1..4
  double brevityPenalty = 0;
  std::size_t candidateLength = 0;  // total candidate tokens
  std::size_t referenceLength = 0;  // total closest-reference tokens
};

// Corpus BLEU-4 (Papineni et al.): n-gram counts clipped by the maximum count in any reference,
// summed over the corpus; uniform weights; brevity penalty exp(1 - r/c) when c <= r with r the
// sum of the reference lengths closest to each candidate (ties: shorter). No smoothing: a zero
// precision gives BLEU 0. InvalidArgument when the lists differ in size, are empty, or a
// candidate has no reference.
Result<BleuScore> corpusBleu4(const std::vector<std::string>& candidates,
                              const std::vector<std::vector<std::string>>& references);

enum class DiffOp { Equal, Insert, Delete };

// One run of words. Byte ranges are into the draft (Equal, Delete) and the final text (Equal,
// Insert); the other range is empty at the position where the run sits.
struct DiffSpan {
  DiffOp op = DiffOp::Equal;
  std::size_t draftBegin = 0;
  std::size_t draftEnd = 0;
  std::size_t finalBegin = 0;
  std::size_t finalEnd = 0;
  int words = 0;
  bool operator==(const DiffSpan&) const = default;
};

// Word-level diff between a draft and the final text, on whitespace-separated words
// (punctuation stays attached, so "mat." != "mat"). Minimal (LCS) after trimming the common
// prefix and suffix; a middle part of more than 4M word pairs is reported as one delete and
// one insert.
std::vector<DiffSpan> wordDiff(std::string_view draft, std::string_view final);

// Levenshtein distance on whitespace-separated words (insert, delete, substitute cost 1).
int wordEditDistance(std::string_view first, std::string_view second);

struct StageWork {
  int submissions = 0;
  TimestampMs workMs = 0;  // time from each Start to the Submit that followed it
  double meanMinutes() const { return submissions ? workMs / 60000.0 / submissions : 0.0; }
};

struct AnnotatorStats {
  std::string annotator;
  std::map<Stage, StageWork> stages;
  int approved = 0;  // judgments of this annotator's submissions
  int rejected = 0;
  int withdrawn = 0;
  double rejectionRate() const {
    return approved + rejected ? static_cast<double>(rejected) / (approved + rejected) : 0.0;
  }
};

// Per annotator (sorted by name), from the event log in any order (sorted by time here).
// A submission belongs to whoever submitted it; its approval/rejection counts for them.
std::vector<AnnotatorStats> annotatorStatistics(const std::vector<WorkflowEvent>& events);

}  // namespace ugc::annotation

#pragma once
// Validation of a stage submission, with messages written for annotators. Errors block the
// Submit action (TransitionContext::blockingIssues); warnings are shown but do not block.
// Rules and defaults: docs/workflow.md.

#include <string>
#include <vector>

#include "annotation/caption_lint.h"
#include "annotation/fields.h"
#include "annotation/stage.h"

namespace ugc::annotation {

enum class Severity { Error, Warning };

struct ValidationIssue {
  Severity severity = Severity::Error;
  std::string field;            // "caption", "audio.tone", "visual.objects[2].count", ...
  std::string code;             // stable id for tests and filters: "required", "too_short", "leakage", ...
  std::string message;          // one sentence for the annotator
  std::vector<TextSpan> spans;  // byte offsets into the caption to highlight (may be empty)
  bool operator==(const ValidationIssue&) const = default;
};

// Caption length in words (countCaptionWords). Below errorBelow or above errorAbove blocks
// the submission; outside [warnBelow, warnAbove] warns.
struct WordBounds {
  int errorBelow = 0;
  int warnBelow = 0;
  int warnAbove = 0;
  int errorAbove = 0;
};

// Defaults from the release-dev captions (799 per stage): warn outside the 5th..95th
// percentile, error below half the 5th or above twice the 95th.
//   audio  p5 22, p95 89.1 (median 46)   visual p5 100, p95 258 (median 146)
//   final  p5 116.9, p95 266 (median 181)
struct ValidationParams {
  WordBounds audioWords{11, 22, 90, 180};
  WordBounds visualWords{50, 100, 258, 516};
  WordBounds jointWords{58, 117, 266, 532};
  int maxLineBreaks = 1;  // more line breaks than this is an error; 1..max warns
  bool lintModalityLeakage = true;
  bool checkConsistency = true;  // fields vs caption
};

struct Submission {
  Stage stage = Stage::Audio;
  std::string caption;
  AudioFields audio;    // checked for the audio stage
  VisualFields visual;  // checked for the visual stage
};

// Issues in a stable order: required fields, field values, caption shape, leakage,
// consistency.
std::vector<ValidationIssue> validateSubmission(const Submission& submission, const ValidationParams& params = {});

// The number of Error issues: what TransitionContext::blockingIssues wants.
int countBlockingIssues(const std::vector<ValidationIssue>& issues);

}  // namespace ugc::annotation

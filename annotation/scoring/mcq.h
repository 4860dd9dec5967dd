#pragma once
// Multiple-choice answers (tone, voice source): reading a model's free-form answer as one of the
// options, and accuracy with a per-class confusion table. Rules: docs/scoring.md ("MCQ").

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ugc::annotation::scoring {

// The option a prediction names, by these rules in order (case-insensitive, surrounding
// whitespace and punctuation such as . , ; : ! ? " ' * ( ) [ ] ignored):
//  1. the whole answer is an option's text ("neutral", "In-Video Voice.");
//  2. the whole answer is an option letter, alone or bracketed ("B", "(b)", "B.");
//  3. a letter then the option's text ("B. Negative", "(B) negative"); a letter and a text that
//     disagree name nothing;
//  4. the answer contains exactly one option's text as a phrase between word boundaries
//     ("The tone is positive").
// nullopt when none applies.
std::optional<std::size_t> matchOption(std::string_view prediction, const std::vector<std::string>& options);

// The option a release answer is (the release writes "neutral" for the option "Neutral").
std::optional<std::size_t> answerOption(std::string_view answer, const std::vector<std::string>& options);

struct McqItem {
  std::size_t truth = 0;                 // option index
  std::optional<std::size_t> predicted;  // nullopt: no prediction or none of the options
};

struct McqSummary {
  std::size_t items = 0;
  std::size_t correct = 0;
  double accuracy = 0;  // correct / items, 0-1
  // confusion[truth][predicted]; the last column counts answers that named no option.
  std::vector<std::vector<std::size_t>> confusion;
  std::size_t constantOption = 0;  // the most frequent true option
  double constantAccuracy = 0;     // accuracy of always answering it
};

McqSummary summariseMcq(const std::vector<McqItem>& items, std::size_t optionCount);

}  // namespace ugc::annotation::scoring

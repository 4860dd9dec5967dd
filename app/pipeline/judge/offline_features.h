#pragma once
// The offline judge's view of a (prediction, reference) caption pair: overlap metrics (ROUGE,
// BLEU-1 from annotation/scoring), lengths, and coverage of the reference's audio vocabulary,
// quoted text and content words (the judge's three dimensions: visual, audio, details).

#include <string>
#include <string_view>
#include <vector>

namespace ugc::pipeline::judge {

const std::vector<std::string>& offlineFeatureNames();
std::vector<float> offlineJudgeFeatures(std::string_view prediction, std::string_view reference);

}  // namespace ugc::pipeline::judge

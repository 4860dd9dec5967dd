#include "pipeline/judge/offline_features.h"

#include <cmath>
#include <unordered_set>

#include "annotation/scoring/python_text.h"
#include "annotation/scoring/text_metrics.h"

namespace ugc::pipeline::judge {
namespace {

using annotation::scoring::rougeTokens;

// Stems (rouge_score's tokens) of words about sound; a token counts when it starts with one.
constexpr std::string_view kAudioStems[] = {
    "music", "song", "sing", "voic", "speak", "say", "said", "talk", "sound", "narrat", "laugh", "audio", "hear",
    "vocal", "melod", "beat", "tone", "nois", "speech", "dialog", "convers", "applaus", "instrument", "piano",
    "guitar", "drum", "rap", "lyric", "cheer", "shout", "scream", "whisper", "upbeat", "soundtrack", "bgm",
    "exclaim", "comment", "ask", "repli", "respond", "explain"};

bool isAudioToken(const std::string& token) {
  for (auto stem : kAudioStems)
    if (token.size() >= stem.size() && std::string_view(token).substr(0, stem.size()) == stem) return true;
  return false;
}

// Tokens inside double quotes (straight or curly): on-screen text and speech the reference quotes.
std::vector<std::string> quotedTokens(std::string_view text) {
  std::string quoted;
  bool inside = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = annotation::scoring::decodeUtf8(text, pos);
    if (cp == U'"' || cp == U'\u201C' || cp == U'\u201D') {
      inside = !inside;
      quoted += ' ';
      continue;
    }
    if (inside) quoted.append(text.substr(start, pos - start));
  }
  return rougeTokens(quoted);
}

float coverage(const std::vector<std::string>& wanted, const std::unordered_set<std::string>& have) {
  std::unordered_set<std::string> distinct(wanted.begin(), wanted.end());
  if (distinct.empty()) return 1.0f;
  std::size_t hit = 0;
  for (const auto& t : distinct) hit += have.count(t);
  return float(hit) / float(distinct.size());
}

}  // namespace

const std::vector<std::string>& offlineFeatureNames() {
  static const std::vector<std::string> kNames = {
      "rougeL_f1",        "rouge1_f1",           "rouge2_f1",          "rouge1_precision", "rouge1_recall",
      "bleu1",            "log_prediction_len",  "log_reference_len",  "log_length_ratio", "audio_share_pred",
      "audio_share_ref",  "audio_coverage",      "quote_coverage",     "content_coverage", "repetition",
      "has_reference_quotes", "content_precision", "audio_precision"};
  return kNames;
}

std::vector<float> offlineJudgeFeatures(std::string_view prediction, std::string_view reference) {
  const auto pred = rougeTokens(prediction);
  const auto ref = rougeTokens(reference);
  const auto r1 = annotation::scoring::rougeN(ref, pred, 1);
  const auto r2 = annotation::scoring::rougeN(ref, pred, 2);
  const auto rl = annotation::scoring::rougeL(ref, pred);
  const std::string predLower = annotation::scoring::pythonLower(prediction);
  const std::string refLower = annotation::scoring::pythonLower(reference);
  const float bleu = float(annotation::scoring::bleu1(refLower, predLower));

  const std::unordered_set<std::string> predSet(pred.begin(), pred.end());
  std::vector<std::string> refAudio, refContent;
  std::size_t predAudio = 0;
  for (const auto& t : pred) predAudio += isAudioToken(t);
  for (const auto& t : ref) {
    if (isAudioToken(t)) refAudio.push_back(t);
    if (t.size() > 3) refContent.push_back(t);
  }
  const auto quotes = quotedTokens(reference);
  // The other direction: how much of what the prediction says the reference supports.
  const std::unordered_set<std::string> refSet(ref.begin(), ref.end());
  std::vector<std::string> predContent, predAudioTokens;
  for (const auto& t : pred) {
    if (t.size() > 3) predContent.push_back(t);
    if (isAudioToken(t)) predAudioTokens.push_back(t);
  }
  const float np = float(pred.size()), nr = float(ref.size());
  return {float(rl.f1),
          float(r1.f1),
          float(r2.f1),
          float(r1.precision),
          float(r1.recall),
          bleu,
          std::log1p(np),
          std::log1p(nr),
          std::log((np + 1) / (nr + 1)),
          np > 0 ? float(predAudio) / np : 0.f,
          nr > 0 ? float(refAudio.size()) / nr : 0.f,
          coverage(refAudio, predSet),
          coverage(quotes, predSet),
          coverage(refContent, predSet),
          np > 0 ? 1.f - float(predSet.size()) / np : 0.f,
          quotes.empty() ? 0.f : 1.f,
          coverage(predContent, refSet),
          coverage(predAudioTokens, refSet)};
}

}  // namespace ugc::pipeline::judge

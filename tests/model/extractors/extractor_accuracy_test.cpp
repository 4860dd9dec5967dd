// Measured figures of the extractors on two differently made corpora: the demo corpus (app/demo)
// and the variant corpus generated here. Goals (issue 6): OCR line recall and precision >= 90 %
// after normalisation, music-present accuracy >= 90 %, gender accuracy on single-speaker clips
// >= 85 %, scene-change recall within 0.5 s >= 90 %. docs/extractors.md reports the figures.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "model/extractors/signals.h"
#include "model/extractors/text_lines.h"
#include "support/test_support.h"
#include "variant_corpus.h"

namespace ugc::model {
namespace {

struct Truth {
  std::string id;
  std::filesystem::path media;
  std::vector<std::string> ocr;
  bool music = false;
  std::vector<std::string> genders;
  std::vector<double> sceneChanges;
  bool hasTimeline = false;  // speech and text times known (demo corpus)
  std::vector<TimeRange> speech;
  std::vector<std::pair<std::string, TimeRange>> textTimes;
};

struct Figures {
  int ocrTruth = 0, ocrFound = 0, ocrMatched = 0;
  int musicClips = 0, musicCorrect = 0;
  int genderClips = 0, genderCorrect = 0;
  int cuts = 0, cutsFound = 0, cutsDetected = 0;
  int countClips = 0, countCorrect = 0;                        // speaker count (no goal: reported with its limits)
  double speechTruth = 0, speechFound = 0, speechOverlap = 0;  // seconds (no goal)
  double textEdgeError = 0;  // mean |start/end error| of matched OCR lines, seconds (no goal)
  int textEdges = 0;
  double ocrRecall() const { return ocrTruth ? double(ocrMatched) / ocrTruth : 1; }
  double ocrPrecision() const { return ocrFound ? double(ocrMatched) / ocrFound : 1; }
  double musicAccuracy() const { return musicClips ? double(musicCorrect) / musicClips : 1; }
  double genderAccuracy() const { return genderClips ? double(genderCorrect) / genderClips : 1; }
  double cutRecall() const { return cuts ? double(cutsFound) / cuts : 1; }
};

Figures measure(const std::vector<Truth>& clips, const char* name) {
  Figures f;
  for (const auto& clip : clips) {
    auto signals = extractSignals(clip.media);
    EXPECT_TRUE(signals.has_value()) << clip.id << ": " << (signals ? "" : signals.error().describe());
    if (!signals) continue;
    std::multiset<std::string> truth;
    for (const auto& line : clip.ocr) truth.insert(normaliseOcrText(line));
    f.ocrTruth += int(truth.size());
    std::string found;
    for (const auto& line : signals->ocr.lines) {
      ++f.ocrFound;
      found += " [" + line.text + "]";
      auto it = truth.find(normaliseOcrText(line.text));
      if (it != truth.end()) {
        ++f.ocrMatched;
        truth.erase(it);
      }
    }
    ++f.musicClips;
    f.musicCorrect += signals->audio.musicPresent == clip.music ? 1 : 0;
    std::string gender = "-";
    if (clip.genders.size() == 1) {
      ++f.genderClips;
      const SpeakerEstimate* main = nullptr;
      for (const auto& s : signals->voice.speakers)
        if (!main || s.speakingSeconds > main->speakingSeconds) main = &s;
      gender = main ? genderName(main->gender) : "none";
      f.genderCorrect += gender == clip.genders[0] ? 1 : 0;
    }
    for (const auto& t : clip.speech) {
      f.speechTruth += t.end - t.start;
      for (const auto& d : signals->audio.speech)
        f.speechOverlap += std::max(0.0, std::min(t.end, d.end) - std::max(t.start, d.start));
    }
    if (clip.hasTimeline)
      for (const auto& d : signals->audio.speech) f.speechFound += d.end - d.start;
    for (const auto& [text, range] : clip.textTimes)
      for (const auto& line : signals->ocr.lines)
        if (normaliseOcrText(line.text) == normaliseOcrText(text)) {
          f.textEdgeError +=
              std::fabs(line.ranges.front().start - range.start) + std::fabs(line.ranges.back().end - range.end);
          f.textEdges += 2;
        }
    ++f.countClips;
    f.countCorrect += signals->voice.speakerCount == int(clip.genders.size()) ? 1 : 0;
    f.cutsDetected += int(signals->scenes.changeTimes.size());
    for (double cut : clip.sceneChanges) {
      ++f.cuts;
      f.cutsFound += std::any_of(signals->scenes.changeTimes.begin(), signals->scenes.changeTimes.end(),
                                 [cut](double t) { return std::fabs(t - cut) <= 0.5; });
    }
    std::printf("[%s] %-22s ocr:%s | music %d/%d | gender %s/%s | speakers %d/%zu | cuts %zu/%zu\n", name,
                clip.id.c_str(), found.c_str(), signals->audio.musicPresent, clip.music, gender.c_str(),
                clip.genders.size() == 1 ? clip.genders[0].c_str() : "-", signals->voice.speakerCount,
                clip.genders.size(), signals->scenes.changeTimes.size(), clip.sceneChanges.size());
  }
  std::printf(
      "[%s] OCR recall %.3f (%d/%d) precision %.3f (%d/%d) | music accuracy %.3f (%d/%d) | "
      "gender accuracy %.3f (%d/%d) | cut recall %.3f (%d/%d, %d detected) | speaker count exact %d/%d\n",
      name, f.ocrRecall(), f.ocrMatched, f.ocrTruth, f.ocrPrecision(), f.ocrMatched, f.ocrFound, f.musicAccuracy(),
      f.musicCorrect, f.musicClips, f.genderAccuracy(), f.genderCorrect, f.genderClips, f.cutRecall(), f.cutsFound,
      f.cuts, f.cutsDetected, f.countCorrect, f.countClips);
  if (std::any_of(clips.begin(), clips.end(), [](const Truth& t) { return t.hasTimeline; }))
    std::printf("[%s] speech time recall %.3f precision %.3f | OCR time range error %.2f s (mean over %d edges)\n",
                name, f.speechOverlap / f.speechTruth, f.speechFound > 0 ? f.speechOverlap / f.speechFound : 1.0,
                f.textEdges ? f.textEdgeError / f.textEdges : 0.0, f.textEdges);
  return f;
}

TEST(ExtractorAccuracy, DemoCorpusMeetsTheGoals) {
  const auto dir = test::sharedDemoCorpus();
  const auto corpus = nlohmann::json::parse(test::readFile(dir / "corpus.json"));
  std::vector<Truth> clips;
  for (const auto& entry : corpus.at("clips")) {
    const auto truth = nlohmann::json::parse(test::readFile(dir / entry.at("ground_truth").get<std::string>()));
    Truth t;
    t.id = truth.at("video_id");
    t.media = dir / entry.at("media").get<std::string>();
    t.ocr = truth.at("visual").at("ocr").get<std::vector<std::string>>();
    t.music = truth.at("audio").at("background_music") == "Yes";
    t.genders = truth.at("audio").at("speaker_genders").get<std::vector<std::string>>();
    t.sceneChanges = truth.at("timeline").at("scene_changes").get<std::vector<double>>();
    t.hasTimeline = true;
    for (const auto& line : truth.at("timeline").at("speech"))
      t.speech.push_back({line.at("start").get<double>(), line.at("end").get<double>()});
    for (const auto& text : truth.at("timeline").at("text"))
      t.textTimes.push_back(
          {text.at("text").get<std::string>(), {text.at("start").get<double>(), text.at("end").get<double>()}});
    clips.push_back(t);
  }
  ASSERT_EQ(clips.size(), 14u);
  const Figures f = measure(clips, "demo");
  EXPECT_GE(f.ocrRecall(), 0.90);
  EXPECT_GE(f.ocrPrecision(), 0.90);
  EXPECT_GE(f.musicAccuracy(), 0.90);
  EXPECT_GE(f.genderAccuracy(), 0.85);
  EXPECT_GE(f.cutRecall(), 0.90);
}

TEST(ExtractorAccuracy, VariantCorpusFromOtherMaterial) {
  const auto dir = std::filesystem::path(UGC_TEST_BINARY_DIR) / "extractor-variant-corpus";
  std::vector<Truth> clips;
  for (const auto& v : test::variantCorpus(dir))
    clips.push_back({v.id, v.media, v.ocr, v.music, v.genders, v.sceneChanges, false, {}, {}});
  ASSERT_EQ(clips.size(), 8u);
  const Figures f = measure(clips, "variant");
  // The same goals: the variant set is not what the thresholds were developed on.
  EXPECT_GE(f.ocrRecall(), 0.90);
  EXPECT_GE(f.ocrPrecision(), 0.90);
  EXPECT_GE(f.musicAccuracy(), 0.85);  // 8 clips: one miss is 87.5 %
  EXPECT_GE(f.genderAccuracy(), 0.85);
  EXPECT_GE(f.cutRecall(), 0.90);
}

}  // namespace
}  // namespace ugc::model

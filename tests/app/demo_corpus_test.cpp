#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <fstream>
#include <set>

#include "core/subprocess.h"
#include "demo/demo_corpus.h"
#include "demo/demo_script.h"
#include "support/test_support.h"

namespace fs = std::filesystem;

namespace ugc::demo {
namespace {

nlohmann::json readJson(const fs::path& path) { return nlohmann::json::parse(test::readFile(path)); }

nlohmann::json ffprobe(const fs::path& path) {
  auto out = runProcess({"ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                         path.string()});
  EXPECT_TRUE(out && out->exitCode == 0) << path;
  return out ? nlohmann::json::parse(out->standardOutput) : nlohmann::json{};
}

}  // namespace

TEST(DemoScripts, CoverTheCasesTheToolkitMustHandle) {
  auto scripts = demoScripts(kDefaultSeed);
  ASSERT_GE(scripts.size(), 12u);
  int noAudioStream = 0, silent = 0, twoSpeakers = 0, music = 0, noText = 0, sceneChange = 0;
  std::set<Voice> voices;
  for (const auto& s : scripts) {
    std::set<Voice> clipVoices;
    for (const auto& l : s.lines) clipVoices.insert(l.voice), voices.insert(l.voice);
    noAudioStream += !s.audioStream;
    silent += s.audioStream && s.lines.empty() && s.music == MusicStyle::None && !s.beeps;
    twoSpeakers += clipVoices.size() == 2;
    music += s.music != MusicStyle::None;
    noText += s.texts.empty();
    sceneChange += s.scenes.size() > 1;
  }
  EXPECT_GE(noAudioStream, 1);
  EXPECT_GE(silent, 1);
  EXPECT_GE(twoSpeakers, 1);
  EXPECT_GE(music, 3);
  EXPECT_GE(noText, 1);
  EXPECT_GE(sceneChange, 3);
  EXPECT_EQ(voices.size(), 2u);
}

TEST(DemoScripts, SameSeedSameScripts) {
  auto a = demoScripts(7), b = demoScripts(7), c = demoScripts(8);
  ASSERT_EQ(a.size(), b.size());
  bool anyDifferent = false;
  for (size_t i = 0; i < a.size(); ++i) {
    for (size_t j = 0; j < a[i].shapes.size(); ++j) {
      EXPECT_EQ(a[i].shapes[j].x, b[i].shapes[j].x);
      EXPECT_EQ(a[i].shapes[j].y, b[i].shapes[j].y);
      anyDifferent = anyDifferent || a[i].shapes[j].y != c[i].shapes[j].y;
    }
  }
  EXPECT_TRUE(anyDifferent) << "the seed should vary the layout";
}

// Every clip is probed with FFmpeg and must match its ground truth.
TEST(DemoCorpus, EveryClipProbesAndMatchesItsGroundTruth) {
  const fs::path dir = test::sharedDemoCorpus();
  const auto index = readJson(dir / "corpus.json");
  ASSERT_GE(index["clips"].size(), 12u);
  for (const auto& entry : index["clips"]) {
    SCOPED_TRACE(entry["video_id"].get<std::string>());
    const auto truth = readJson(dir / entry["ground_truth"].get<std::string>());
    const auto probe = ffprobe(dir / entry["media"].get<std::string>());
    bool hasAudio = false, hasVideo = false;
    for (const auto& stream : probe["streams"]) {
      if (stream["codec_type"] == "video") {
        hasVideo = true;
        EXPECT_EQ(stream["codec_name"], "h264");
        EXPECT_EQ(stream["width"].get<int>() * 16, stream["height"].get<int>() * 9) << "not 9:16";
        EXPECT_EQ(stream["width"], truth["width"]);
      }
      if (stream["codec_type"] == "audio") hasAudio = true;
    }
    EXPECT_TRUE(hasVideo);
    EXPECT_EQ(hasAudio, truth["has_audio_stream"].get<bool>());
    EXPECT_NEAR(std::stod(probe["format"]["duration"].get<std::string>()), truth["duration"].get<double>(), 0.1);

    // The ground truth carries every structured field and three captions.
    for (const char* key : {"speaker_count", "tone", "background_music", "language", "music_style", "voice_source",
                            "speaker_genders", "caption"}) {
      EXPECT_TRUE(truth["audio"].contains(key)) << key;
    }
    for (const char* key : {"background", "background_changes", "background_change", "motion", "ocr", "objects",
                            "caption"}) {
      EXPECT_TRUE(truth["visual"].contains(key)) << key;
    }
    EXPECT_GT(truth["joint"]["caption"].get<std::string>().size(), 80u);
    EXPECT_EQ(truth["audio"]["speaker_count"].get<size_t>(), truth["audio"]["speaker_genders"].size());
    EXPECT_EQ(truth["visual"]["ocr"].size(), truth["timeline"]["text"].size());
    EXPECT_EQ(truth["visual"]["background_changes"].get<bool>(), !truth["timeline"]["scene_changes"].empty());
    for (const auto& segment : truth["timeline"]["speech"]) {
      EXPECT_LT(segment["start"].get<double>(), segment["end"].get<double>());
      EXPECT_LE(segment["end"].get<double>(), truth["duration"].get<double>());
    }
  }
}

TEST(DemoCorpus, SecondRunKeepsExistingClips) {
  const fs::path dir = test::sharedDemoCorpus();
  auto out = runProcess({UGC_CLI_PATH, "demo-corpus", dir.string()});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->exitCode, 0);
  EXPECT_NE(out->standardOutput.find("(0 generated"), std::string::npos) << out->standardOutput;
}

TEST(DemoCorpus, UnwritableDestinationIsAnInputError) {
  test::TempDir tmp;
  std::ofstream(tmp / "file") << "x";
  auto out = runProcess({UGC_CLI_PATH, "--quiet", "demo-corpus", (tmp / "file" / "sub").string()});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->exitCode, 2) << out->standardError;
  EXPECT_NE(out->standardError.find("cannot create"), std::string::npos);
}

}  // namespace ugc::demo

namespace ugc::demo {

// The same seed gives byte-identical clips and ground truth.
TEST(DemoCorpus, SameSeedGivesIdenticalFiles) {
  const fs::path shared = test::sharedDemoCorpus();
  test::TempDir again;
  auto out = runProcess({UGC_CLI_PATH, "--quiet", "demo-corpus", again.path().string()});
  ASSERT_TRUE(out && out->exitCode == 0);
  for (const auto& entry : fs::directory_iterator(shared)) {
    if (entry.path().extension() != ".mp4" && entry.path().extension() != ".json") continue;
    const auto other = again / entry.path().filename().string();
    ASSERT_TRUE(fs::exists(other)) << other;
    EXPECT_EQ(test::readFile(entry.path()), test::readFile(other)) << entry.path().filename();
  }
}

}  // namespace ugc::demo

// The toolkit's log (core/log.h) and FFmpeg's messages routed into it.
#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include "core/frame_sampler.h"
#include "core/log.h"
#include "media_fixtures.h"
#include "support/test_support.h"

namespace ugc {
namespace {

struct Captured {
  std::mutex mutex;
  std::vector<std::pair<std::string, std::string>> messages;  // source, text
};

// Installs a capturing sink and a threshold for one test; restores both after it.
class LogCapture {
 public:
  explicit LogCapture(LogLevel threshold) : previousThreshold_(logThreshold()) {
    setLogThreshold(threshold);
    previousSink_ = setLogSink([this](LogLevel, std::string_view source, std::string_view text) {
      std::lock_guard lock(captured_.mutex);
      captured_.messages.emplace_back(std::string(source), std::string(text));
    });
  }
  ~LogCapture() {
    setLogSink(previousSink_);
    setLogThreshold(previousThreshold_);
  }
  std::vector<std::pair<std::string, std::string>> messages() {
    std::lock_guard lock(captured_.mutex);
    return captured_.messages;
  }

 private:
  Captured captured_;
  LogLevel previousThreshold_;
  LogSink previousSink_;
};

// A real clip whose second half is overwritten with garbage: the decoder complains.
std::filesystem::path damagedClip(const test::TempDir& dir) {
  std::string bytes = test::readFile(test::mediaFixture(test::Fixture::H264Aac));
  for (size_t i = bytes.size() / 3; i < bytes.size(); i += 7) bytes[i] = char(bytes[i] ^ 0x5a);
  const auto path = dir / "damaged.mp4";
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace

TEST(Log, MessagesBelowTheThresholdAreDroppedAndTheRestReachTheSink) {
  LogCapture capture(LogLevel::Warning);
  logMessage(LogLevel::Info, "test", "dropped");
  logMessage(LogLevel::Warning, "test", "kept");
  logMessage(LogLevel::Error, "test", "kept too");
  const auto messages = capture.messages();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].second, "kept");
  EXPECT_EQ(messages[1].first, "test");
}

TEST(Log, FfmpegMessagesAboutDamagedInputGoToTheLogNotTheConsole) {
  test::TempDir dir;
  const auto damaged = damagedClip(dir);
  {
    LogCapture capture(LogLevel::Debug);
    (void)media::sampleFramesUniform(damaged, 8, {});
    const auto messages = capture.messages();
    size_t fromFfmpeg = 0;
    for (const auto& [source, text] : messages) fromFfmpeg += source == "ffmpeg";
    EXPECT_GT(fromFfmpeg, 0u) << "FFmpeg's log is not routed into ours (muted instead?)";
  }
  {
    // At the default threshold FFmpeg's damaged-input chatter stays out: the failure is
    // already an error value (or a partial result) of ours.
    LogCapture capture(LogLevel::Error);
    (void)media::sampleFramesUniform(damaged, 8, {});
    for (const auto& [source, text] : capture.messages()) EXPECT_NE(source, "ffmpeg") << text;
  }
}

}  // namespace ugc

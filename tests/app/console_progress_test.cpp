#include <gtest/gtest.h>
#include <pty.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "cli/console_progress.h"

namespace ugc::cli {
namespace {

std::string readAll(std::FILE* file) {
  std::rewind(file);
  std::string text;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  return text;
}

}  // namespace

TEST(ConsoleProgress, PlainLinesWhenNotATerminal) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  {
    ConsoleProgress progress(file);
    auto sink = progress.sink();
    for (int i = 0; i <= 100; ++i) report(sink, "exporting", i, 100);
    report(sink, "validating", 0, 0);
  }
  const std::string text = readAll(file);
  std::fclose(file);
  EXPECT_EQ(text.find('\r'), std::string::npos) << "no bar redraws in logs";
  EXPECT_NE(text.find("exporting: 0/100 (0%)\n"), std::string::npos);
  EXPECT_NE(text.find("exporting: 50/100 (50%)\n"), std::string::npos);
  EXPECT_NE(text.find("exporting: 100/100 (100%)\n"), std::string::npos);
  EXPECT_NE(text.find("validating...\n"), std::string::npos);
  // One line per 10 %, not one per update.
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  EXPECT_LE(lines, 13u);
}

TEST(ConsoleProgress, RedrawnBarOnATerminal) {
  int master = -1, slave = -1;
  ASSERT_EQ(::openpty(&master, &slave, nullptr, nullptr, nullptr), 0);
  std::FILE* terminal = ::fdopen(slave, "w");
  ASSERT_NE(terminal, nullptr);
  {
    ConsoleProgress progress(terminal);
    report(progress.sink(), "drafting", 5, 10);
    progress.finish();
  }
  std::fflush(terminal);
  char buffer[512] = {};
  ssize_t n = ::read(master, buffer, sizeof buffer - 1);
  std::fclose(terminal);
  ::close(master);
  ASSERT_GT(n, 0);
  const std::string text(buffer, size_t(n));
  EXPECT_NE(text.find('\r'), std::string::npos);
  EXPECT_NE(text.find("[###############...............]  50% (5/10)"), std::string::npos) << text;
}

}  // namespace ugc::cli

#include <gtest/gtest.h>

#include <QTimer>
#include <QtTest/QTest>
#include <thread>

#include "gui/diagnostics/event_loop_probe.h"

namespace ugc::gui {
namespace {

void blockGuiThread(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

}  // namespace

TEST(EventLoopProbeTest, ReportsNothingBeforeItRuns) {
  EventLoopProbe probe;
  EXPECT_FALSE(probe.isRunning());
  const EventLoopReport report = probe.report();
  EXPECT_EQ(report.samples, 0);
  EXPECT_EQ(report.stalls, 0);
  EXPECT_EQ(report.maxMs, 0);
}

TEST(EventLoopProbeTest, AnIdleLoopIsServedOnTime) {
  EventLoopProbe probe;
  probe.start();
  EXPECT_TRUE(probe.isRunning());
  QTest::qWait(300);
  probe.stop();
  EXPECT_FALSE(probe.isRunning());
  const EventLoopReport report = probe.report();
  // 5 ms ticks over 300 ms; a busy shared machine may drop some, never most.
  EXPECT_GT(report.samples, 20);
  EXPECT_GE(report.durationMs, 290);
  EXPECT_LE(report.meanMs, report.maxMs);
  EXPECT_LE(report.p99Ms, report.maxMs);
  EXPECT_LT(report.meanMs, 20) << EventLoopProbe::describe(report).toStdString();
}

TEST(EventLoopProbeTest, ABlockedGuiThreadIsAStallOfItsLength) {
  EventLoopProbe probe;
  probe.start();
  QTimer::singleShot(100, [] { blockGuiThread(150); });
  QTimer::singleShot(350, [] { blockGuiThread(80); });
  QTest::qWait(500);
  probe.stop();
  const EventLoopReport report = probe.report();
  EXPECT_EQ(report.stalls, 2) << EventLoopProbe::describe(report).toStdString();
  EXPECT_GE(report.maxMs, 140);
  EXPECT_LT(report.maxMs, 400);
  EXPECT_GE(report.worstAtMs, 240) << "the worst sample arrives when the 150 ms block ends";
  EXPECT_TRUE(EventLoopProbe::describe(report).contains("2 stalls > 50 ms"));
}

TEST(EventLoopProbeTest, ABlockUntilStopStillCounts) {
  EventLoopProbe probe;
  probe.start();
  QTest::qWait(30);
  blockGuiThread(90);
  probe.stop();
  EXPECT_EQ(probe.report().stalls, 1);
  EXPECT_GE(probe.report().maxMs, 80);
}

TEST(EventLoopProbeTest, RestartForgetsEarlierSamples) {
  EventLoopProbe probe;
  probe.start();
  QTest::qWait(20);
  blockGuiThread(70);
  probe.stop();
  ASSERT_EQ(probe.report().stalls, 1);
  probe.start();
  QTest::qWait(50);
  probe.stop();
  EXPECT_EQ(probe.report().stalls, 0);
  EXPECT_LT(probe.report().durationMs, 1000);
}

}  // namespace ugc::gui

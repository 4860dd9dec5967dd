#include <gtest/gtest.h>

#include "gui/studio_options.h"

namespace ugc::gui {

TEST(StudioOptions, ParsesProjectUserAndScreenshot) {
  QString error;
  auto options = parseStudioOptions({"--project", "a.ugcproj", "--user", "ann", "--screenshot", "x.png", "--view",
                                     "audio"},
                                    &error);
  ASSERT_TRUE(options) << error.toStdString();
  EXPECT_EQ(options->projectPath, "a.ugcproj");
  EXPECT_EQ(options->userName, "ann");
  EXPECT_EQ(options->screenshotPath, "x.png");
  EXPECT_EQ(options->view, "audio");
}

TEST(StudioOptions, RejectsUnknownViewsAndMissingValues) {
  QString error;
  EXPECT_FALSE(parseStudioOptions({"--view", "nope"}, &error));
  EXPECT_TRUE(error.contains("unknown view"));
  auto empty = parseStudioOptions({"--view", "joint-empty"}, &error);
  ASSERT_TRUE(empty) << error.toStdString();  // a stage page before any video (screenshots)
  EXPECT_FALSE(parseStudioOptions({"--view", "queue-empty"}, &error));
  EXPECT_FALSE(parseStudioOptions({"--project"}, &error));
  EXPECT_TRUE(error.contains("needs a value"));
  EXPECT_FALSE(parseStudioOptions({"--frobnicate"}, &error));
}

}  // namespace ugc::gui

#include <gtest/gtest.h>

#include "annotation/stage.h"

namespace ugc::annotation {

TEST(Stage, NamesRoundTrip) {
  for (Stage stage : kAllStages) EXPECT_EQ(parseStage(stageName(stage)), stage);
  EXPECT_FALSE(parseStage("Audio"));
  EXPECT_FALSE(parseStage(""));
}

}  // namespace ugc::annotation

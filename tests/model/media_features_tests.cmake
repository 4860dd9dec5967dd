# Media features for the captioner: real FFmpeg decoding of clips the test generates.
ugc_add_gtest(ugc_media_features_tests
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/media_features_test.cpp
  LIBS ugc_model)

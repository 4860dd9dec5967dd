# The learned audio models' tests (included from tests/model/CMakeLists.txt). Slow: they train a
# tiny classifier on mixtures the test builds with ffmpeg and espeak-ng.
ugc_add_gtest(ugc_audio_model_tests
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/audio/audio_events_test.cpp ${CMAKE_CURRENT_SOURCE_DIR}/audio/transcriber_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/audio/voice_activity_test.cpp ${CMAKE_CURRENT_SOURCE_DIR}/audio/bad_audio_input_test.cpp
  LIBS ugc_model
  LABEL slow
  TIMEOUT 600)
target_compile_definitions(ugc_audio_model_tests PRIVATE ${UGC_MODEL_TEST_DEFINES})

# The extractors' test executable (included from tests/model/CMakeLists.txt).
ugc_add_gtest(ugc_extractor_tests
  SOURCES
    ${CMAKE_CURRENT_SOURCE_DIR}/extractors/audio_signals_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/extractors/text_lines_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/extractors/ocr_engine_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/extractors/frame_change_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/extractors/objects_signal_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/extractors/extract_signals_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/extractors/extract_cli_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/extractors/extractor_accuracy_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/extractors/variant_corpus.cpp
  LIBS ugc_model nlohmann_json::nlohmann_json
  LABEL slow
  TIMEOUT 900)
# The CLI test runs the ugccap binary.
add_dependencies(ugc_extractor_tests ugccap)

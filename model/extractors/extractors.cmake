# Sources of the signal extractors, added to ugc_model.
target_sources(ugc_model PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/audio_analysis.cpp
  ${CMAKE_CURRENT_LIST_DIR}/audio_events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/loudness.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media_input.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ocr.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signals.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signals_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_lines.cpp
  ${CMAKE_CURRENT_LIST_DIR}/voice.cpp
)
target_link_libraries(ugc_model PRIVATE PkgConfig::TESSERACT nlohmann_json::nlohmann_json)

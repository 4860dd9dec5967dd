# Sources of the signal extractors, added to ugc_model.
target_sources(ugc_model PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/audio_analysis.cpp
  ${CMAKE_CURRENT_LIST_DIR}/audio_events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/frame_change.cpp
  ${CMAKE_CURRENT_LIST_DIR}/frame_position.cpp
  ${CMAKE_CURRENT_LIST_DIR}/loudness.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media_input.cpp
  ${CMAKE_CURRENT_LIST_DIR}/objects_signal.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ocr.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signals.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signals_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_lines.cpp
  ${CMAKE_CURRENT_LIST_DIR}/voice.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../audio/audio_event_network.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../audio/audio_event_mixtures.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../audio/learned_audio_events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../audio/silero_vad_network.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../audio/voice_activity.cpp
)
target_link_libraries(ugc_model PRIVATE PkgConfig::TESSERACT nlohmann_json::nlohmann_json)
# English transcription (model/audio/transcriber.cpp): PocketSphinx, PRIVATE.
# Debian's pocketsphinx.pc names /usr/include/sphinxbase, which does not exist: keep the folders that do.
pkg_check_modules(POCKETSPHINX REQUIRED pocketsphinx)
set(UGC_POCKETSPHINX_INCLUDES "")
foreach(dir IN LISTS POCKETSPHINX_INCLUDE_DIRS)
  if(EXISTS "${dir}")
    list(APPEND UGC_POCKETSPHINX_INCLUDES "${dir}")
  endif()
endforeach()
target_sources(ugc_model PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../audio/transcriber.cpp)
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/../audio/transcriber.cpp PROPERTIES
  INCLUDE_DIRECTORIES "${UGC_POCKETSPHINX_INCLUDES}")
target_link_libraries(ugc_model PRIVATE ${POCKETSPHINX_LINK_LIBRARIES})

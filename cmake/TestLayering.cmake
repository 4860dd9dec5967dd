# Proves the layering check fails on a tree that breaks each rule, naming every violation.
#   cmake -DROOT=<project> -DBAD_TREE=<fixture tree> -P TestLayering.cmake
execute_process(
  COMMAND ${CMAKE_COMMAND} -DROOT=${BAD_TREE} -P ${ROOT}/cmake/CheckLayering.cmake
  RESULT_VARIABLE result
  ERROR_VARIABLE report
  OUTPUT_VARIABLE output)
if(result EQUAL 0)
  message(FATAL_ERROR "the layering check passed a tree that breaks the rules")
endif()
set(expected
  "Layering rules broken (12)"
  "annotation/uses_db.h: annotation may not depend on db (db/store.h)"
  "annotation/uses_media.h: annotation may not depend on core-media (core/probe.h)"
  "core/leaks_ffmpeg.h: FFmpeg header libavformat/avformat.h outside core's media .cpp files"
  "core/sha256.cpp: FFmpeg header libavutil/sha.h outside core's media .cpp files"
  "core/uses_qt.cpp: Qt header QString outside app/"
  "core/uses_sqlite.cpp: database header sqlite3.h outside db/*.cpp"
  "core/uses_torch.cpp: torch header torch/torch.h outside model/*.cpp"
  "core/uses_model.cpp: core-media may not depend on model (model/captioner.h)"
  "app/pipeline/uses_gui.cpp: pipeline may not depend on gui (gui/main_window.h)"
  "app/demo/uses_db.cpp: demo may not depend on db (db/project.h)"
  "app/gui/uses_cli.cpp: gui may not depend on cli (cli/cli_app.h)"
  "app/gui/uses_curl.cpp: curl header curl/curl.h outside app/pipeline/*.cpp")
foreach(line IN LISTS expected)
  string(FIND "${report}" "${line}" position)
  if(position EQUAL -1)
    message(FATAL_ERROR "the layering report misses: ${line}\nReport:\n${report}")
  endif()
endforeach()
message(STATUS "the layering check names all 12 violations")

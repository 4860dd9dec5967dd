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
  "Layering rules broken (6)"
  "annotation/uses_db.h: annotation/ may not depend on db/"
  "core/leaks_ffmpeg.h: FFmpeg header libavformat/avformat.h outside core/*.cpp"
  "core/uses_qt.cpp: Qt header QString outside app/"
  "core/uses_sqlite.cpp: sqlite3 header outside db/*.cpp"
  "core/uses_torch.cpp: torch header torch/torch.h outside model/*.cpp"
  "core/uses_model.cpp: core/ may not depend on model/")
foreach(line IN LISTS expected)
  string(FIND "${report}" "${line}" position)
  if(position EQUAL -1)
    message(FATAL_ERROR "the layering report misses: ${line}\nReport:\n${report}")
  endif()
endforeach()
message(STATUS "the layering check names all 6 violations")

# Enforces the layering rules of docs/architecture.md by reading every #include.
#   cmake -DROOT=<tree> -P CheckLayering.cmake
# Exits non-zero and lists each violation as file:line: rule.
#
# Layers (a file's layer is its folder; core/ and app/ hold several):
#   core-base   core/{error,log,progress,sha256,subprocess,version}.*  errors, progress, log
#   core-media  the rest of core/: FFmpeg media
#   annotation  workflow rules, pure C++            may use core-base
#   model       perception and drafting (LibTorch)  may use core, annotation
#   db          storage                             may use core, annotation
#   pipeline    app/pipeline: the engine            may use core, annotation, db, model
#   demo        app/demo: demo corpus               may use core
#   cli, gui    app/cli, app/gui                    may use all of the above (not each other)
#   app         app/*.cpp (the programs' mains)     anything
# Third-party rules:
#  - FFmpeg headers (libav*/, libsw*/) only in core-media .cpp files
#  - torch headers (torch/, ATen/, c10/, caffe2/), protobuf/ONNX, SentencePiece, Tesseract only in model/*.cpp
#  - sqlite3.h and libpq only in db/*.cpp
#  - curl only in app/pipeline/*.cpp
#  - Qt headers only in app/
cmake_minimum_required(VERSION 3.25)
if(NOT ROOT)
  message(FATAL_ERROR "CheckLayering: pass -DROOT=<source tree>")
endif()

set(core_base_names error log progress sha256 subprocess version)

set(allowed_core-base "core-base")
set(allowed_core-media "core-base;core-media")
set(allowed_annotation "core-base;annotation")
set(allowed_model "core-base;core-media;annotation;model")
set(allowed_db "core-base;core-media;annotation;db")
set(allowed_pipeline "core-base;core-media;annotation;db;model;pipeline")
set(allowed_demo "core-base;core-media;demo")
set(allowed_cli "core-base;core-media;annotation;db;model;pipeline;demo;cli")
set(allowed_gui "core-base;core-media;annotation;db;model;pipeline;demo;gui")
set(allowed_app "core-base;core-media;annotation;db;model;pipeline;demo;cli;gui")

# core-base or core-media for a file or header under core/ named NAME (without extension).
function(core_layer name out)
  if(name IN_LIST core_base_names)
    set(${out} "core-base" PARENT_SCOPE)
  else()
    set(${out} "core-media" PARENT_SCOPE)
  endif()
endfunction()

# The layer of a header named in an #include ("core/error.h", "pipeline/x.h", ...), or "".
function(layer_of_header header out)
  set(result "")
  if(header MATCHES "^core/([^/.]+)")
    core_layer("${CMAKE_MATCH_1}" result)
  elseif(header MATCHES "^(annotation|db|model|pipeline|demo|cli|gui)/")
    set(result "${CMAKE_MATCH_1}")
  endif()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

# The layer of a source file, from its path relative to the tree: its include name, except
# that app/'s top-level files (the mains) form the layer "app".
function(layer_of_file rel out)
  set(result "")
  if(rel MATCHES "^app/(pipeline|demo|cli|gui)/(.*)")
    layer_of_header("${CMAKE_MATCH_1}/${CMAKE_MATCH_2}" result)
  elseif(rel MATCHES "^app/")
    set(result "app")
  else()
    layer_of_header("${rel}" result)
  endif()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

set(violations "")
foreach(top IN ITEMS core annotation db model app)
  file(GLOB_RECURSE sources "${ROOT}/${top}/*.h" "${ROOT}/${top}/*.hpp" "${ROOT}/${top}/*.cpp")
  foreach(file IN LISTS sources)
    get_filename_component(ext "${file}" LAST_EXT)
    file(RELATIVE_PATH rel "${ROOT}" "${file}")
    layer_of_file("${rel}" layer)
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS lines)
      if(NOT line MATCHES "#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"]")
        continue()
      endif()
      set(header "${CMAKE_MATCH_1}")
      set(rule "")
      if(header MATCHES "^(libavformat|libavcodec|libavutil|libswscale|libswresample|libavfilter|libavdevice)/")
        if(NOT layer STREQUAL "core-media" OR NOT ext STREQUAL ".cpp")
          set(rule "FFmpeg header ${header} outside core's media .cpp files")
        endif()
      elseif(header MATCHES "^(torch|ATen|c10|caffe2)/")
        if(NOT layer STREQUAL "model" OR NOT ext STREQUAL ".cpp")
          set(rule "torch header ${header} outside model/*.cpp")
        endif()
      elseif(header MATCHES "^(sentencepiece|tesseract|leptonica|google/protobuf|onnx/|pocketsphinx|sphinxbase|cld2)")
        if(NOT layer STREQUAL "model" OR NOT ext STREQUAL ".cpp")
          set(rule "${header} outside model/*.cpp")
        endif()
      elseif(header MATCHES "^(sqlite3(ext)?\\.h|libpq-fe\\.h|postgresql/)")
        if(NOT layer STREQUAL "db" OR NOT ext STREQUAL ".cpp")
          set(rule "database header ${header} outside db/*.cpp")
        endif()
      elseif(header MATCHES "^curl/")
        if(NOT layer STREQUAL "pipeline" OR NOT ext STREQUAL ".cpp")
          set(rule "curl header ${header} outside app/pipeline/*.cpp")
        endif()
      elseif(header MATCHES "^(Qt[A-Za-z]*/|Q[A-Z][A-Za-z]*$|qt[a-z]*\\.h$)")
        if(NOT rel MATCHES "^app/")
          set(rule "Qt header ${header} outside app/")
        endif()
      else()
        layer_of_header("${header}" target)
        if(target AND NOT target IN_LIST allowed_${layer})
          set(rule "${layer} may not depend on ${target} (${header})")
        endif()
      endif()
      if(rule)
        list(APPEND violations "${rel}: ${rule}")
      endif()
    endforeach()
  endforeach()
endforeach()

if(violations)
  list(LENGTH violations count)
  string(REPLACE ";" "\n  " listing "${violations}")
  message(FATAL_ERROR "Layering rules broken (${count}):\n  ${listing}\nSee docs/architecture.md.")
endif()
message(STATUS "Layering rules hold")

# Installs the build into a temporary prefix and checks that the installed ugccap finds the
# built-in captioner under <prefix>/share/ugc-videocap, from any working directory.
# ctest runs: cmake -DBUILD_DIR=... -DPREFIX=... -P install_test.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
  RESULT_VARIABLE installed OUTPUT_QUIET)
if(NOT installed EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${installed})")
endif()
foreach(file bin/ugccap libexec/ugccap/ugccap-model share/ugc-videocap/models/captioner-default/weights.pt
        share/ugc-videocap/models/captioner-default/config.json share/ugc-videocap/tokenizer/ugc_captions.model
        share/applications/ugccap-studio.desktop)
  if(NOT EXISTS "${PREFIX}/${file}")
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
execute_process(COMMAND "${PREFIX}/bin/ugccap" version --json WORKING_DIRECTORY "/"
  RESULT_VARIABLE ran OUTPUT_VARIABLE out)
if(NOT ran EQUAL 0 OR NOT out MATCHES "\"captioner\":\"${PREFIX}/share/ugc-videocap/models/captioner-default\"")
  message(FATAL_ERROR "installed ugccap does not use the installed captioner: ${out}")
endif()
file(REMOVE_RECURSE "${PREFIX}")

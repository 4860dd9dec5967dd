# Compiler flags shared by every project target, and ccache when available.
find_program(UGC_CCACHE ccache)
if(UGC_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${UGC_CCACHE})
endif()

add_library(ugc_options INTERFACE)
# -Werror is for g++ (CI's compiler); the clang fuzz build warns without failing.
option(UGC_WERROR "Treat warnings as errors" ON)
if(UGC_WERROR)
  target_compile_options(ugc_options INTERFACE -Wall -Wextra -Werror -Wno-error=deprecated-declarations)
else()
  target_compile_options(ugc_options INTERFACE -Wall -Wextra)
endif()
# Libraries include each other as "core/probe.h", "annotation/fields.h", ...
target_include_directories(ugc_options INTERFACE ${PROJECT_SOURCE_DIR})
# No absolute paths in project-wide flags: they would defeat ccache across clones.
target_compile_definitions(ugc_options INTERFACE UGC_VERSION="${PROJECT_VERSION}")

# Declares one of the project's static libraries with the shared flags.
function(ugc_add_library name)
  add_library(${name} STATIC ${ARGN})
  target_link_libraries(${name} PUBLIC ugc_options)
endfunction()

# Every third-party dependency comes from Debian 12 packages (scripts/setup installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(tl-expected REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(SQLite3 REQUIRED)
# Team mode: libpq, the PostgreSQL client library (db/postgres_backend.cpp only).
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
find_package(CLI11 REQUIRED)
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET
  libavformat libavcodec libavutil libswscale libswresample)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract lept)
pkg_check_modules(SENTENCEPIECE REQUIRED IMPORTED_TARGET sentencepiece)

# Debian's TorchConfig drags in Caffe2 checks that print noise; keep only what we need.
find_package(Torch REQUIRED CONFIG)
add_library(ugc_torch INTERFACE)
target_link_libraries(ugc_torch INTERFACE ${TORCH_LIBRARIES})
target_compile_options(ugc_torch INTERFACE ${TORCH_CXX_FLAGS})

if(UGC_BUILD_GUI)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Multimedia MultimediaWidgets Charts Concurrent Test)
endif()

if(UGC_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(UGC_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

# Pretrained-model lookup, graph loaders and the graph runtime (included from tests/model/CMakeLists.txt).
# Tests on the real weights skip when the models cache lacks them (scripts/fetch-models installs them).
ugc_add_gtest(ugc_graph_tests
  SOURCES
    ${CMAKE_CURRENT_SOURCE_DIR}/graph/pretrained_models_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/graph/onnx_loader_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/graph/graph_runtime_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/graph/ppocr_graph_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/graph/ppocr_engine_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/graph/tfjs_graph_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/graph/objects_test.cpp
  LIBS ugc_model nlohmann_json::nlohmann_json)
target_compile_definitions(ugc_graph_tests PRIVATE ${UGC_MODEL_TEST_DEFINES})

# Pretrained-model lookup, the ONNX / TF.js graph loaders and the torch graph runtime, added to
# ugc_model. ONNX protobuf definitions come from Debian's libonnx-dev (libonnx_proto, the library
# torch itself loads) and libprotobuf; both PRIVATE, and only onnx_loader.cpp includes them.
set(UGC_PRETRAINED_MANIFEST_JSON ${PROJECT_SOURCE_DIR}/resources/models/pretrained.json)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${UGC_PRETRAINED_MANIFEST_JSON})
file(READ ${UGC_PRETRAINED_MANIFEST_JSON} UGC_PRETRAINED_MANIFEST)
configure_file(${CMAKE_CURRENT_LIST_DIR}/../pretrained_manifest.cpp.in
  ${CMAKE_CURRENT_BINARY_DIR}/pretrained_manifest.cpp @ONLY)

find_library(UGC_ONNX_PROTO_LIB onnx_proto REQUIRED)
find_library(UGC_PROTOBUF_LIB protobuf REQUIRED)

target_sources(ugc_model PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/../pretrained_models.cpp
  ${CMAKE_CURRENT_BINARY_DIR}/pretrained_manifest.cpp
  ${CMAKE_CURRENT_LIST_DIR}/onnx_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tfjs_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/graph_runtime.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../perception/ppocr.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../perception/objects.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../perception/faces.cpp
)
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/onnx_loader.cpp PROPERTIES
  COMPILE_DEFINITIONS "ONNX_ML=1;ONNX_NAMESPACE=onnx")
target_link_libraries(ugc_model PRIVATE ${UGC_ONNX_PROTO_LIB} ${UGC_PROTOBUF_LIB})

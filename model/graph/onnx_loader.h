#pragma once
// Reads an ONNX model file into a plain-typed graph::Graph (protobuf stays in onnx_loader.cpp).

#include <filesystem>

#include "core/error.h"
#include "model/graph/graph_types.h"

namespace ugc::model::graph {

// Errors: NotFound (no file), InvalidInput (not an ONNX model, truncated, external tensor data,
// a tensor whose data does not match its shape), Unsupported (a tensor type we do not read).
Result<Graph> loadOnnxGraph(const std::filesystem::path& path);

// The same from bytes already in memory.
Result<Graph> parseOnnxGraph(const std::string& bytes);

}  // namespace ugc::model::graph

#pragma once
// Reads a TensorFlow.js graph model (model.json topology + .bin weight shards, as the TF.js
// converter writes them) into a plain-typed graph::Graph that GraphRuntime runs.
//
// - Operators keep their TensorFlow names with a "tf." prefix ("tf._FusedConv2D", "tf.Relu6"):
//   TF's semantics differ from ONNX's of the same name (NHWC layout, SAME padding, Reshape
//   without 0-copy), so they are separate operators in the runtime.
// - Const nodes become constants, filled from the weights manifest: float32, int32 (-> int64),
//   bool, and quantised weights (float16; uint8 / uint16 as q * scale + min) dequantised to float32.
// - Convolution filters are rewritten once at load from TF's HWIO (depthwise: HW I M) to torch's
//   OIHW so nothing is transposed per run; the node's attribute filter_layout says "OIHW".
// - Attributes: i / f / b become int64 / float / int64; s, type become strings; lists of ints and
//   floats become vectors, a list of strings is joined with ',' (fused_ops "BiasAdd,Relu").
// - Output "name:k" of a node is the value "name:k" (k > 0); "name:0" is "name". Control inputs
//   ("^name") are dropped. Nodes are sorted topologically.
// - Graph outputs: the signature's outputs when the model has one, else values nobody reads.

#include <filesystem>

#include "core/error.h"
#include "model/graph/graph_types.h"

namespace ugc::model::graph {

// Errors: NotFound (model.json or a shard missing), InvalidInput (not a TF.js graph model, a
// shard shorter than the manifest says, a Const without weights, a cycle), Unsupported (a weight
// dtype or quantisation we do not read). Operators are checked by GraphRuntime::create.
Result<Graph> loadTfjsGraph(const std::filesystem::path& modelJson);

}  // namespace ugc::model::graph

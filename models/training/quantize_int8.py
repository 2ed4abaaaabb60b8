"""Dynamic int8 quantization of an exported Quarry NER graph, with the onnx package only (Debian's python3-onnx;
onnxruntime's Python quantizer is not available), in the standard dynamic scheme onnxruntime executes on CPU:

  * every MatMul whose right operand is a 2-D weight initializer becomes an integer MatMulInteger between the
    int8 activations and the int8 weights, cast back to float and rescaled. W is quantized symmetrically to int8,
    one scale per output column (per-channel) or one for the tensor. The activations are quantized at run time:
      - per tensor (default): onnxruntime's own DynamicQuantizeLinear (uint8, one scale and zero point for the
        whole batch), the scheme onnxruntime's quantize_dynamic writes. A text's scores then move slightly with
        the rest of the batch, so Quarry's worker runs this graph one window per pass;
      - per token (--per-token-activations): symmetric, one scale per row (max |x| / 127, from ReduceMax),
        stored as uint8 with the fixed zero point 128 (onnxruntime's fast kernels take uint8 activations with
        one scalar zero point; int8 activations measured 9x slower), so a text's findings do not depend on
        which other texts, or how much padding, share its batch; the extra element-wise work measured it only
        13 % faster than fp32 in batches of 16, against 50 % for the default;
  * the word-embedding table (optional) is stored as int8 with one scale per row; the looked-up rows are cast
    back and multiplied by their gathered scales (weight-only: the table is 3/4 of the file).

    /usr/bin/python3 models/training/quantize_int8.py IN.onnx OUT.onnx [--per-tensor] [--per-token-activations]
        [--keep-embeddings] [--keep-classifier]

It prints how many nodes it rewrote and the sizes. Whether the result ships is decided by measuring it through
the app path (models/training/eval_node.ts) against the fp32 graph; see the model card.
"""
import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def quantize_weight(w, per_channel):
    """Symmetric int8: scale = max|w| / 127 per column (axis 1 of a [K, N] MatMul weight) or per tensor."""
    amax = np.abs(w).max(axis=0) if per_channel else np.array(np.abs(w).max())
    scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    return q, scale


def per_token_matmul(graph, p, a, output):
    """Nodes for A @ W with A quantized symmetrically to int8 per row of its last axis (see the module doc)."""
    graph.initializer.extend([
        numpy_helper.from_array(np.array(1e-8, dtype=np.float32), f"{p}_eps"),
        numpy_helper.from_array(np.array(127.0, dtype=np.float32), f"{p}_127"),
        numpy_helper.from_array(np.array(128.0, dtype=np.float32), f"{p}_128"),
        numpy_helper.from_array(np.array(1.0, dtype=np.float32), f"{p}_1"),
        numpy_helper.from_array(np.array(255.0, dtype=np.float32), f"{p}_255"),
        numpy_helper.from_array(np.array(128, dtype=np.uint8), f"{p}_a_zero"),
    ])
    return [
        helper.make_node("Abs", [a], [f"{p}_abs"], name=f"{p}_abs"),
        helper.make_node("ReduceMax", [f"{p}_abs"], [f"{p}_amax"], axes=[-1], keepdims=1, name=f"{p}_amax"),
        helper.make_node("Max", [f"{p}_amax", f"{p}_eps"], [f"{p}_amax_pos"], name=f"{p}_amax_pos"),
        helper.make_node("Div", [f"{p}_amax_pos", f"{p}_127"], [f"{p}_a_scale"], name=f"{p}_a_scale"),
        helper.make_node("Div", [a, f"{p}_a_scale"], [f"{p}_a_div"], name=f"{p}_a_div"),
        helper.make_node("Round", [f"{p}_a_div"], [f"{p}_a_round"], name=f"{p}_a_round"),
        helper.make_node("Add", [f"{p}_a_round", f"{p}_128"], [f"{p}_a_shift"], name=f"{p}_a_shift"),
        helper.make_node("Clip", [f"{p}_a_shift", f"{p}_1", f"{p}_255"], [f"{p}_a_clip"], name=f"{p}_a_clip"),
        helper.make_node("Cast", [f"{p}_a_clip"], [f"{p}_a"], to=TensorProto.UINT8, name=f"{p}_a_cast"),
        helper.make_node("MatMulInteger", [f"{p}_a", f"{p}_weight", f"{p}_a_zero", f"{p}_zero"], [f"{p}_int32"],
                         name=f"{p}_matmul"),
        helper.make_node("Cast", [f"{p}_int32"], [f"{p}_float"], to=TensorProto.FLOAT, name=f"{p}_cast"),
        helper.make_node("Mul", [f"{p}_float", f"{p}_scale"], [f"{p}_cols"], name=f"{p}_cols"),
        helper.make_node("Mul", [f"{p}_cols", f"{p}_a_scale"], [output], name=f"{p}_rescale"),
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source")
    ap.add_argument("target")
    ap.add_argument("--per-tensor", action="store_true", help="one weight scale per matrix (default: per column)")
    ap.add_argument("--per-token-activations", action="store_true",
                    help="one activation scale per token (default: DynamicQuantizeLinear, one per batch)")
    ap.add_argument("--keep-embeddings", action="store_true", help="leave the word-embedding table in fp32")
    ap.add_argument("--keep-classifier", action="store_true", help="leave the last MatMul (the tagger) in fp32")
    args = ap.parse_args()

    model = onnx.load(args.source)
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    matmuls = [n for n in graph.node if n.op_type == "MatMul" and n.input[1] in inits
               and len(inits[n.input[1]].dims) == 2]
    if args.keep_classifier and matmuls:
        matmuls = matmuls[:-1]
    if not matmuls:
        sys.exit(f"{args.source}: no MatMul with a 2-D weight initializer; is this a Quarry NER graph?")

    new_nodes, drop = [], set()
    rewritten = 0
    for node in graph.node:
        if node in matmuls:
            a, w_name = node.input
            w = numpy_helper.to_array(inits[w_name]).astype(np.float32)
            q, scale = quantize_weight(w, not args.per_tensor)
            p = f"{w_name}_q8"
            graph.initializer.extend([
                numpy_helper.from_array(q, f"{p}_weight"),
                numpy_helper.from_array(np.zeros(scale.shape, dtype=np.int8), f"{p}_zero"),
                numpy_helper.from_array(scale, f"{p}_scale"),
            ])
            drop.add(w_name)
            if args.per_token_activations:
                new_nodes += per_token_matmul(graph, p, a, node.output[0])
                rewritten += 1
                continue
            new_nodes += [
                helper.make_node("DynamicQuantizeLinear", [a], [f"{p}_a", f"{p}_a_scale", f"{p}_a_zero"],
                                 name=f"{p}_quantize"),
                helper.make_node("MatMulInteger", [f"{p}_a", f"{p}_weight", f"{p}_a_zero", f"{p}_zero"],
                                 [f"{p}_int32"], name=f"{p}_matmul"),
                helper.make_node("Cast", [f"{p}_int32"], [f"{p}_float"], to=TensorProto.FLOAT, name=f"{p}_cast"),
                helper.make_node("Mul", [f"{p}_a_scale", f"{p}_scale"], [f"{p}_combined"], name=f"{p}_scales"),
                helper.make_node("Mul", [f"{p}_float", f"{p}_combined"], [node.output[0]], name=f"{p}_rescale"),
            ]
            rewritten += 1
        elif (node.op_type == "Gather" and not args.keep_embeddings
              and node.input[0] == "embeddings.word_embeddings.weight" and node.input[0] in inits):
            table = numpy_helper.to_array(inits[node.input[0]]).astype(np.float32)
            amax = np.abs(table).max(axis=1)
            row_scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
            q = np.clip(np.round(table / row_scale[:, None]), -127, 127).astype(np.int8)
            p = "embeddings.word_embeddings_q8"
            graph.initializer.extend([numpy_helper.from_array(q, f"{p}_table"),
                                      numpy_helper.from_array(row_scale[:, None], f"{p}_row_scale")])
            drop.add(node.input[0])
            ids = node.input[1]
            new_nodes += [
                helper.make_node("Gather", [f"{p}_table", ids], [f"{p}_rows"], axis=0, name=f"{p}_gather"),
                helper.make_node("Gather", [f"{p}_row_scale", ids], [f"{p}_scales"], axis=0,
                                 name=f"{p}_gather_scale"),
                helper.make_node("Cast", [f"{p}_rows"], [f"{p}_float"], to=TensorProto.FLOAT, name=f"{p}_cast"),
                helper.make_node("Mul", [f"{p}_float", f"{p}_scales"], [node.output[0]], name=f"{p}_rescale"),
            ]
        else:
            new_nodes.append(node)

    del graph.node[:]
    graph.node.extend(new_nodes)
    kept = [i for i in graph.initializer if i.name not in drop]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    onnx.checker.check_model(model)
    os.makedirs(os.path.dirname(os.path.abspath(args.target)), exist_ok=True)
    onnx.save(model, args.target)
    print(f"rewrote {rewritten} MatMul nodes ({'per-tensor' if args.per_tensor else 'per-column'} weight scales, "
          f"{'per-token' if args.per_token_activations else 'per-batch DynamicQuantizeLinear'} activations)"
          f"{'' if args.keep_embeddings else ', word embeddings int8 per row'}; "
          f"{os.path.getsize(args.source) / 1e6:.1f} MB -> {os.path.getsize(args.target) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

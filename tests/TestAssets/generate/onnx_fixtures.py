#!/usr/bin/env python3
"""Generates the tiny ONNX graphs the runtime tests use, and the self-test graph embedded in the SDK.

Run with the Debian python that has onnx + numpy (the pyenv python3 on PATH has neither):

    /usr/bin/python3 tests/TestAssets/generate/onnx_fixtures.py

Writes to tests/TestAssets/onnx/ and src/MusicAI.Sdk/Runtime/SelfTest/selftest.onnx. Every weight comes from a closed
formula (small dyadic fractions, so float32 arithmetic is exact), and the C# tests and the SDK self-test recompute the
expected outputs from the same formula instead of reading stored answers:

    weight(k, j, cols) = ((k * cols + j) % 5 - 2) / 8        (W is [rows, cols])
    bias(j)            = (j % 3 - 1) / 4
"""

import os

import numpy as np
import onnx
import onnx.numpy_helper
from onnx import TensorProto, helper

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.join(ROOT, "tests", "TestAssets", "onnx")
SELF_TEST = os.path.join(ROOT, "src", "MusicAI.Sdk", "Runtime", "SelfTest", "selftest.onnx")
OPSET = [helper.make_opsetid("", 17)]
PRODUCER = "MusicAI.Sdk tests/TestAssets/generate/onnx_fixtures.py"


def weights(rows, cols, dtype=np.float32):
    k = np.arange(rows).reshape(rows, 1)
    j = np.arange(cols).reshape(1, cols)
    return (((k * cols + j) % 5 - 2) / 8.0).astype(dtype)


def bias(cols, dtype=np.float32):
    return (((np.arange(cols) % 3) - 1) / 4.0).astype(dtype)


def tensor(name, array):
    return onnx.numpy_helper.from_array(array, name)


def save(model, name, external=False):
    model.producer_name = PRODUCER
    onnx.checker.check_model(model)
    path = name if os.path.isabs(name) else os.path.join(OUT, name)
    if external:
        data = os.path.basename(path) + ".data"
        if os.path.exists(os.path.join(os.path.dirname(path), data)):
            os.remove(os.path.join(os.path.dirname(path), data))
        onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                        location=data, size_threshold=0, convert_attribute=False)
    else:
        onnx.save_model(model, path)
    print(f"{os.path.relpath(path, ROOT)}: {os.path.getsize(path)} bytes")


def affine(input_name, input_shape, rows, cols, elem=TensorProto.FLOAT, dtype=np.float32, output_shape=None,
           graph_name="affine"):
    """y = x @ W + b with W [rows, cols] from the formula."""
    w = tensor("W", weights(rows, cols, dtype))
    b = tensor("b", bias(cols, dtype))
    nodes = [
        helper.make_node("MatMul", [input_name, "W"], ["xw"]),
        helper.make_node("Add", ["xw", "b"], ["y"]),
    ]
    graph = helper.make_graph(
        nodes, graph_name,
        [helper.make_tensor_value_info(input_name, elem, input_shape)],
        [helper.make_tensor_value_info("y", elem, output_shape or ["batch", cols])],
        initializer=[w, b])
    return helper.make_model(graph, opset_imports=OPSET)


def multi_io():
    """Three named inputs (float32 and int64), three named outputs: for the contract checker and typed runs."""
    nodes = [
        helper.make_node("Mul", ["audio", "gain"], ["scaled"]),
        helper.make_node("ReduceSumSquare", ["audio"], ["energy"], axes=[1, 2], keepdims=0),
        helper.make_node("Add", ["lengths", "lengths"], ["lengths_doubled"]),
    ]
    graph = helper.make_graph(
        nodes, "multi_io",
        [
            helper.make_tensor_value_info("audio", TensorProto.FLOAT, ["batch", 2, "samples"]),
            helper.make_tensor_value_info("gain", TensorProto.FLOAT, [1]),
            helper.make_tensor_value_info("lengths", TensorProto.INT64, ["batch"]),
        ],
        [
            helper.make_tensor_value_info("scaled", TensorProto.FLOAT, ["batch", 2, "samples"]),
            helper.make_tensor_value_info("energy", TensorProto.FLOAT, ["batch"]),
            helper.make_tensor_value_info("lengths_doubled", TensorProto.INT64, ["batch"]),
        ])
    return helper.make_model(graph, opset_imports=OPSET)


def slow_loop():
    """A Loop that runs `iterations` times y = tanh(y @ W): as slow as the caller asks, for cancellation tests."""
    body = helper.make_graph(
        [
            helper.make_node("Identity", ["cond_in"], ["cond_out"]),
            helper.make_node("MatMul", ["x_in", "W"], ["xw"]),
            helper.make_node("Tanh", ["xw"], ["x_out"]),
        ],
        "body",
        [
            helper.make_tensor_value_info("i", TensorProto.INT64, []),
            helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
            helper.make_tensor_value_info("x_in", TensorProto.FLOAT, [1, 64]),
        ],
        [
            helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
            helper.make_tensor_value_info("x_out", TensorProto.FLOAT, [1, 64]),
        ])
    graph = helper.make_graph(
        [helper.make_node("Loop", ["iterations", "", "x"], ["y"], body=body)],
        "slow_loop",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 64]),
            helper.make_tensor_value_info("iterations", TensorProto.INT64, []),
        ],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 64])],
        initializer=[tensor("W", weights(64, 64))])
    return helper.make_model(graph, opset_imports=OPSET)


def main():
    os.makedirs(OUT, exist_ok=True)
    # The contract the tests check against: 'x' float32 [batch, 4] -> 'y' float32 [batch, 3].
    save(affine("x", ["batch", 4], 4, 3), "affine.onnx")
    save(affine("x", ["batch", 4], 4, 3, graph_name="affine_external"), "affine_external.onnx", external=True)
    save(affine("features", ["batch", 4], 4, 3), "wrong_name.onnx")
    save(affine("x", ["batch", 1, 4], 4, 3, output_shape=["batch", 1, 3]), "wrong_rank.onnx")
    save(affine("x", ["batch", 4], 4, 3, TensorProto.DOUBLE, np.float64), "wrong_dtype.onnx")
    save(affine("x", ["batch", 6], 6, 3), "wrong_width.onnx")
    save(multi_io(), "multi_io.onnx")
    save(slow_loop(), "slow_loop.onnx")
    # Embedded in MusicAI.Sdk for MusicAIRuntime.RunSelfTest: 'x' float32 [batch, 8] -> 'y' float32 [batch, 4].
    save(affine("x", ["batch", 8], 8, 4, graph_name="musicai_selftest"), SELF_TEST)


if __name__ == "__main__":
    main()

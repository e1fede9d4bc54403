"""Writes the tiny ONNX models the inference-service tests load (src/test/resources/models/).

Regenerate (from the repository root; Debian's onnx, no torch needed):
    /usr/bin/python3 inference-service/src/test/onnx/make_test_models.py
The files are a few hundred bytes each and committed; rerunning rewrites them byte for byte the same
(no timestamps, fixed producer fields), so a diff after regeneration means the script changed.

Every model is built with onnx.helper only, opset 13, IR version 8 (ONNX Runtime 1.29 reads both).

  scale2-8x8.onnx             image [N,1,8,8] -> reconstruction = image * 2                 (valid)
  position-8x8.onnx           reconstruction = image * 2 + P, P[r][c] = 8r + c             (valid; shows
                              where each pixel of a padded/cropped slice went)
  extra-output-8x8.onnx       reconstruction = image * 2, anomaly_map = reconstruction - image (valid)
  fixed-batch2-8x8.onnx       like scale2 but N fixed to 2                                  (valid)
  wrong-input-name.onnx       input named 'x'
  no-reconstruction-output.onnx  output named 'output'
  int64-input.onnx            image is INT64
  three-channels.onnx         image [N,3,8,8]
  dynamic-size.onnx           image [N,1,H,W] with H and W symbolic
  half-size-output.onnx       reconstruction [N,1,4,4] (AveragePool 2x2) from an 8x8 image
"""

import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "models")
OPSET = 13
IR_VERSION = 8


def tensor(name, elem_type, dims):
    return helper.make_tensor_value_info(name, elem_type, dims)


def save(filename, nodes, inputs, outputs, initializers=(), metadata=None):
    graph = helper.make_graph(nodes, filename.removesuffix(".onnx"), inputs, outputs, list(initializers))
    model = helper.make_model(graph, producer_name="blindspot-test-models", producer_version="1",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, os.path.join(OUT, filename))


def two():
    return numpy_helper.from_array(np.array(2.0, dtype=np.float32), "two")


def scale2(filename, batch="N", in_name="image", out_name="reconstruction", metadata=None):
    save(filename, [helper.make_node("Mul", [in_name, "two"], [out_name])],
         [tensor(in_name, TensorProto.FLOAT, [batch, 1, 8, 8])],
         [tensor(out_name, TensorProto.FLOAT, [batch, 1, 8, 8])], [two()], metadata)


def main():
    os.makedirs(OUT, exist_ok=True)
    scale2("scale2-8x8.onnx", metadata={"family": "test-scale2", "input_size": 8, "latent": "none",
                                         "training_data": "none", "steps": 0, "final_loss": 0.0})
    position = numpy_helper.from_array(np.arange(64, dtype=np.float32).reshape(1, 1, 8, 8), "position")
    save("position-8x8.onnx",
         [helper.make_node("Mul", ["image", "two"], ["doubled"]),
          helper.make_node("Add", ["doubled", "position"], ["reconstruction"])],
         [tensor("image", TensorProto.FLOAT, ["N", 1, 8, 8])],
         [tensor("reconstruction", TensorProto.FLOAT, ["N", 1, 8, 8])], [two(), position])
    save("extra-output-8x8.onnx",
         [helper.make_node("Mul", ["image", "two"], ["reconstruction"]),
          helper.make_node("Sub", ["reconstruction", "image"], ["anomaly_map"])],
         [tensor("image", TensorProto.FLOAT, ["N", 1, 8, 8])],
         [tensor("reconstruction", TensorProto.FLOAT, ["N", 1, 8, 8]),
          tensor("anomaly_map", TensorProto.FLOAT, ["N", 1, 8, 8])], [two()])
    scale2("fixed-batch2-8x8.onnx", batch=2)
    scale2("wrong-input-name.onnx", in_name="x")
    scale2("no-reconstruction-output.onnx", out_name="output")
    save("int64-input.onnx",
         [helper.make_node("Cast", ["image"], ["reconstruction"], to=TensorProto.FLOAT)],
         [tensor("image", TensorProto.INT64, ["N", 1, 8, 8])],
         [tensor("reconstruction", TensorProto.FLOAT, ["N", 1, 8, 8])])
    save("three-channels.onnx", [helper.make_node("Mul", ["image", "two"], ["reconstruction"])],
         [tensor("image", TensorProto.FLOAT, ["N", 3, 8, 8])],
         [tensor("reconstruction", TensorProto.FLOAT, ["N", 3, 8, 8])], [two()])
    save("dynamic-size.onnx", [helper.make_node("Mul", ["image", "two"], ["reconstruction"])],
         [tensor("image", TensorProto.FLOAT, ["N", 1, "H", "W"])],
         [tensor("reconstruction", TensorProto.FLOAT, ["N", 1, "H", "W"])], [two()])
    save("half-size-output.onnx",
         [helper.make_node("AveragePool", ["image"], ["reconstruction"], kernel_shape=[2, 2], strides=[2, 2])],
         [tensor("image", TensorProto.FLOAT, ["N", 1, 8, 8])],
         [tensor("reconstruction", TensorProto.FLOAT, ["N", 1, 4, 4])])


if __name__ == "__main__":
    main()

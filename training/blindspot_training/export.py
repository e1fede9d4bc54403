"""ONNX export in inference mode, metadata_props, and the parity case beside the model."""

import datetime

import numpy as np
import onnx
import torch

from .contract import INPUT, OUTPUT, check_contract

OPSET = 13


def export_onnx(model, path, example, metadata, opset=OPSET):
    """Exports `model` in eval mode to `path` with a dynamic batch; returns check_contract's summary.

    `example` (float32 [N, 1, S, S], N >= 2 so that nothing batch-specific can be traced as a constant)
    drives the trace. `metadata` (str -> str-able) becomes metadata_props, with torch_version and created
    added when absent.
    """
    model.eval()
    example = torch.from_numpy(np.ascontiguousarray(example, dtype=np.float32))
    with torch.no_grad():
        torch.onnx.export(model, example, path, input_names=[INPUT], output_names=[OUTPUT],
                          dynamic_axes={INPUT: {0: "N"}, OUTPUT: {0: "N"}},
                          opset_version=opset, do_constant_folding=True)
    props = {"torch_version": torch.__version__,
             "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
    props.update(metadata)
    onnx_model = onnx.load(path)
    # torch leaves the output's H and W symbolic ("Convreconstruction_dim_2"); declare the traced values so
    # that the contract is visible without shape inference (onnx.checker's full check re-verifies them).
    with torch.no_grad():
        traced = model(example).shape
    for output in onnx_model.graph.output:
        if output.name == OUTPUT:
            for axis in (1, 2, 3):
                output.type.tensor_type.shape.dim[axis].dim_value = traced[axis]
    del onnx_model.metadata_props[:]
    for key, value in props.items():
        entry = onnx_model.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx_model.producer_name = "blindspot_training"
    onnx.save(onnx_model, path)
    return check_contract(path)


def write_parity_case(model, onnx_path, parity_input):
    """<name>.parity-input.npy and <name>.parity-output.npy beside the model: PyTorch's eval-mode output.

    Returns the two paths. Java tests feed the input to ONNX Runtime and compare with the output.
    """
    base = onnx_path[:-len(".onnx")] if onnx_path.endswith(".onnx") else onnx_path
    x = np.ascontiguousarray(parity_input, dtype=np.float32)
    model.eval()
    with torch.no_grad():
        y = model(torch.from_numpy(x)).numpy().astype(np.float32)
    paths = (base + ".parity-input.npy", base + ".parity-output.npy")
    np.save(paths[0], x)
    np.save(paths[1], np.ascontiguousarray(y))
    return paths

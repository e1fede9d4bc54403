"""The ONNX I/O contract every Blindspot reconstructor meets (README.md, "ONNX I/O contract").

- exactly one graph input (initializers aside): `image`, float32, [N, 1, H, W] with N symbolic (dynamic)
  and H, W fixed positive integers;
- an output `reconstruction`, float32, [N, 1, H, W] with the input's H and W and N not fixed; declared
  symbolic H and W are taken from ONNX shape inference, and may stay unknown only with require_metadata=False
  (a third-party model: then only running it shows its output size);
  further named outputs are allowed (e.g. `anomaly_map`);
- the model passes onnx.checker;
- models made by this package also carry metadata_props: REQUIRED_METADATA, input_size equal to H and W.

Usage: python3 -m blindspot_training.contract MODEL.onnx [--no-metadata]
"""

import argparse
import json
import sys

import onnx
from onnx import TensorProto

INPUT = "image"
OUTPUT = "reconstruction"
REQUIRED_METADATA = ("family", "input_size", "latent", "training_data", "steps", "final_loss",
                     "torch_version", "created")


class ContractError(ValueError):
    """The model breaks the contract; the message names the mismatch."""


def _dims(value_info):
    """[(value or None, param or None)] per dimension, or None when the shape is absent."""
    tensor = value_info.type.tensor_type
    if not tensor.HasField("shape"):
        return None
    return [(d.dim_value if d.HasField("dim_value") else None, d.dim_param or None) for d in tensor.shape.dim]


def _describe(value_info):
    tensor = value_info.type.tensor_type
    dims = _dims(value_info)
    shape = "?" if dims is None else "[" + ", ".join(
        str(v) if v is not None else (p or "?") for v, p in dims) + "]"
    return f"{value_info.name}: {TensorProto.DataType.Name(tensor.elem_type)} {shape}"


def _check_tensor(value_info, role, size=None, known_size=True):
    tensor = value_info.type.tensor_type
    if not value_info.type.HasField("tensor_type"):
        raise ContractError(f"{role} '{value_info.name}' must be a tensor")
    if tensor.elem_type != TensorProto.FLOAT:
        raise ContractError(f"{role} '{value_info.name}' must be float32, is "
                            f"{TensorProto.DataType.Name(tensor.elem_type)}")
    dims = _dims(value_info)
    if dims is None or len(dims) != 4:
        raise ContractError(f"{role} '{value_info.name}' must have rank 4 [N, 1, H, W], is "
                            f"{_describe(value_info)}")
    if dims[0][0] is not None:
        raise ContractError(f"{role} '{value_info.name}' must have a dynamic batch dimension N, "
                            f"found a fixed {dims[0][0]} ({_describe(value_info)})")
    if dims[1][0] != 1:
        raise ContractError(f"{role} '{value_info.name}' must have 1 channel, is {_describe(value_info)}")
    if size is None:
        if dims[2][0] is None or dims[3][0] is None or dims[2][0] <= 0 or dims[3][0] <= 0:
            raise ContractError(f"{role} '{value_info.name}' must have fixed H and W, is "
                                f"{_describe(value_info)}")
        return dims[2][0], dims[3][0]
    if not known_size and (dims[2][0] is None or dims[3][0] is None):
        return size
    if (dims[2][0], dims[3][0]) != size:
        raise ContractError(f"{role} '{value_info.name}' must be [N, 1, {size[0]}, {size[1]}] like the input, "
                            f"is {_describe(value_info)}")
    return size


def check_contract(path, require_metadata=True):
    """Checks the ONNX file at `path`; returns a summary dict or raises ContractError naming the mismatch."""
    model = onnx.load(path)
    try:
        onnx.checker.check_model(model, full_check=True)
    except Exception as e:  # onnx raises ValidationError or InferenceError
        raise ContractError(f"onnx.checker rejects the model: {e}") from e
    graph = model.graph
    initializers = {init.name for init in graph.initializer}
    inputs = [i for i in graph.input if i.name not in initializers]
    if [i.name for i in inputs] != [INPUT]:
        raise ContractError(f"the model must have exactly one input '{INPUT}', has "
                            f"{[_describe(i) for i in inputs]}")
    size = _check_tensor(inputs[0], "input")
    outputs = {o.name: o for o in graph.output}
    if OUTPUT not in outputs:
        raise ContractError(f"the model must have an output '{OUTPUT}', has "
                            f"{[_describe(o) for o in graph.output]}")
    output = outputs[OUTPUT]
    if any(v is None for v, _ in (_dims(output) or [])[1:]):
        # Declared symbolic: take what ONNX shape inference derives from the graph.
        inferred = onnx.shape_inference.infer_shapes(model)
        output = next((o for o in inferred.graph.output if o.name == OUTPUT), output)
    _check_tensor(output, "output", size, known_size=require_metadata)
    metadata = {p.key: p.value for p in model.metadata_props}
    if require_metadata:
        missing = [k for k in REQUIRED_METADATA if not metadata.get(k)]
        if missing:
            raise ContractError(f"metadata_props lack {missing}")
        if metadata["input_size"] != str(size[0]) or size[0] != size[1]:
            raise ContractError(f"metadata input_size {metadata['input_size']} does not match the input "
                                f"[N, 1, {size[0]}, {size[1]}]")
        try:
            int(metadata["steps"])
            float(metadata["final_loss"])
        except ValueError as e:
            raise ContractError(f"metadata steps/final_loss not numbers: {e}") from e
    opsets = {o.domain or "ai.onnx": o.version for o in model.opset_import}
    return {"input": _describe(inputs[0]), "outputs": [_describe(o) for o in graph.output],
            "input_size": list(size), "opset": opsets, "metadata": metadata}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check an ONNX file against Blindspot's I/O contract.")
    parser.add_argument("model")
    parser.add_argument("--no-metadata", action="store_true", help="do not require the metadata_props")
    args = parser.parse_args(argv)
    try:
        summary = check_contract(args.model, require_metadata=not args.no_metadata)
    except ContractError as e:
        print(f"{args.model}: {e}", file=sys.stderr)
        return 1
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

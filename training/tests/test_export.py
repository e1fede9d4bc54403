import numpy as np
import onnx
import pytest
import torch
from onnx import TensorProto, helper

from blindspot_training import contract
from blindspot_training.contract import REQUIRED_METADATA, ContractError, check_contract
from blindspot_training.export import export_onnx, write_parity_case
from blindspot_training.models import FAMILIES, build_model
from conftest import SIZE, WIDTH

METADATA = {"family": "test", "input_size": SIZE, "latent": "x", "training_data": "random", "steps": 1,
            "final_loss": 0.5}


def trained_a_little(family):
    model = build_model(family, SIZE, WIDTH)
    model.reconstruct(torch.rand(4, 1, SIZE, SIZE))  # non-trivial BatchNorm statistics and codebooks
    return model.eval()


def example(n):
    return np.random.default_rng(n).random((n, 1, SIZE, SIZE), dtype=np.float32)


@pytest.mark.parametrize("family", FAMILIES)
def test_export_meets_the_contract_with_a_dynamic_batch(family, tmp_path):
    model = trained_a_little(family)
    path = str(tmp_path / f"{family}.onnx")
    summary = export_onnx(model, path, example(2), dict(METADATA, family=family))
    assert summary["input"] == f"image: FLOAT [N, 1, {SIZE}, {SIZE}]"
    assert summary["outputs"] == [f"reconstruction: FLOAT [N, 1, {SIZE}, {SIZE}]"]
    assert summary["opset"] == {"ai.onnx": 13}
    assert set(REQUIRED_METADATA) <= set(summary["metadata"])
    assert summary["metadata"]["torch_version"] == torch.__version__
    graph = onnx.load(path).graph
    assert graph.input[0].type.tensor_type.shape.dim[0].dim_param == "N"
    assert graph.output[0].type.tensor_type.shape.dim[0].dim_param == "N"


@pytest.mark.parametrize("family", FAMILIES)
def test_nothing_batch_specific_is_traced_into_the_graph(family, tmp_path):
    """Exports driven by batches of 2 and 3 must give the same graph, byte for byte."""
    model = trained_a_little(family)
    graphs = []
    for n in (2, 3):
        path = str(tmp_path / f"{n}.onnx")
        export_onnx(model, path, example(n), METADATA)
        graphs.append(onnx.load(path).graph.SerializeToString())
    assert graphs[0] == graphs[1]


@pytest.mark.parametrize("family", FAMILIES)
def test_parity_case_is_pytorchs_eval_output_and_holds_at_batch_1_and_3(family, tmp_path):
    model = trained_a_little(family)
    path = str(tmp_path / "m.onnx")
    inputs, outputs = write_parity_case(model, path, example(2))
    assert inputs.endswith("m.parity-input.npy") and outputs.endswith("m.parity-output.npy")
    x, y = np.load(inputs), np.load(outputs)
    assert x.dtype == y.dtype == np.float32 and y.shape == (2, 1, SIZE, SIZE)
    with torch.no_grad():
        one = model(torch.from_numpy(x[:1])).numpy()
        three = model(torch.from_numpy(np.concatenate([x, x[:1]]))).numpy()
    np.testing.assert_allclose(one, y[:1], atol=1e-5)
    np.testing.assert_allclose(three[:2], y, atol=1e-5)
    np.testing.assert_allclose(three[2:], y[:1], atol=1e-5)


# Hand-made models for the contract's refusals: Identity from `image` to `reconstruction`.

def handmade(tmp_path, in_name="image", out_name="reconstruction", in_shape=("N", 1, 8, 8),
             out_shape=("N", 1, 8, 8), dtype=TensorProto.FLOAT, metadata=None, extra_input=False):
    inputs = [helper.make_tensor_value_info(in_name, dtype, list(in_shape))]
    if extra_input:
        inputs.append(helper.make_tensor_value_info("mask", dtype, list(in_shape)))
    graph = helper.make_graph([helper.make_node("Identity", [in_name], [out_name])], "g", inputs,
                              [helper.make_tensor_value_info(out_name, dtype, list(out_shape))])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    meta = {k: "1" for k in REQUIRED_METADATA}
    meta["input_size"] = "8"
    for key, value in (meta if metadata is None else metadata).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    path = str(tmp_path / "h.onnx")
    onnx.save(model, path)
    return path


def test_a_handmade_identity_meets_the_contract(tmp_path):
    assert check_contract(handmade(tmp_path))["input_size"] == [8, 8]


@pytest.mark.parametrize("kwargs,message", [
    ({"in_name": "input"}, "exactly one input 'image'"),
    ({"extra_input": True}, "exactly one input 'image'"),
    ({"out_name": "output"}, "output 'reconstruction'"),
    ({"in_shape": (1, 1, 8, 8), "out_shape": (1, 1, 8, 8)}, "dynamic batch"),
    ({"in_shape": ("N", 3, 8, 8), "out_shape": ("N", 3, 8, 8)}, "1 channel"),
    ({"in_shape": ("N", 1, 8), "out_shape": ("N", 1, 8)}, "rank 4"),
    ({"in_shape": ("N", 1, "H", "W"), "out_shape": ("N", 1, "H", "W")}, "fixed H and W"),
    ({"dtype": TensorProto.DOUBLE}, "float32"),
    ({"metadata": {}}, "metadata_props lack"),
])
def test_the_contract_names_the_mismatch(tmp_path, kwargs, message):
    with pytest.raises(ContractError, match=message):
        check_contract(handmade(tmp_path, **kwargs))


def test_an_output_of_another_size_is_refused(tmp_path):
    path = handmade(tmp_path, out_shape=("N", 1, 16, 16))
    with pytest.raises(ContractError):  # onnx.checker's strict shape inference or the size check
        check_contract(path)


def test_metadata_input_size_must_match_the_graph(tmp_path):
    meta = {k: "1" for k in REQUIRED_METADATA}
    meta["input_size"] = "256"
    with pytest.raises(ContractError, match="input_size 256"):
        check_contract(handmade(tmp_path, metadata=meta))


def test_third_party_models_may_omit_metadata(tmp_path):
    check_contract(handmade(tmp_path, metadata={}), require_metadata=False)


def test_contract_command_reports_the_mismatch(tmp_path, capsys):
    assert contract.main([handmade(tmp_path, in_name="x")]) == 1
    assert "exactly one input 'image'" in capsys.readouterr().err

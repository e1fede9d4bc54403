import numpy as np
import pytest
import torch

from blindspot_training import train
from blindspot_training.models import build_model
from conftest import SIZE, WIDTH


def codes_used(model, x):
    """Distinct nearest codes per level on x (eval mode)."""
    used = {}
    hooks = [q.register_forward_hook(lambda mod, inp, out, name=name: used.__setitem__(
        name, len(torch.unique(mod.distances(inp[0].permute(0, 2, 3, 1).reshape(-1, mod.dim)).argmin(1)))))
        for name, q in (("top", model.quantize_t), ("bottom", model.quantize_b))]
    model.eval()
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    return used


def test_the_papers_random_codebook_maps_every_vector_to_one_code_and_data_init_does_not():
    # N(0, 1) codes have norm ~ sqrt(dim); the encoders' first outputs are much shorter, so one code is nearest
    # to all of them. Codes drawn from those outputs are spread where the vectors are.
    x = torch.from_numpy(np.random.default_rng(0).random((4, 1, SIZE, SIZE), dtype=np.float32))
    model = build_model("vqvae", SIZE, WIDTH, codes=64)
    assert codes_used(model, x) == {"top": 1, "bottom": 1}
    model.init_codebooks(x)
    used = codes_used(model, x)
    assert used["top"] > 16 and used["bottom"] > 16
    for q in (model.quantize_t, model.quantize_b):
        assert torch.equal(q.cluster_size, torch.ones(64))   # every code counted once
        assert torch.equal(q.embed_avg, q.embed)


def test_data_init_takes_codes_from_the_encoder_outputs():
    x = torch.from_numpy(np.random.default_rng(1).random((2, 1, SIZE, SIZE), dtype=np.float32))
    model = build_model("vqvae", SIZE, WIDTH, codes=8)
    model.init_codebooks(x)
    with torch.no_grad():
        z_t = model.quantize_conv_t(model.enc_t(model.enc_b(x))).permute(0, 2, 3, 1).reshape(-1, model.dim)
    for code in model.quantize_t.embed.t():
        assert (z_t == code).all(1).any()      # each top code is one of the top-level vectors


def test_vq_init_is_a_vqvae_argument_defaulting_to_the_papers_random():
    assert train.parse_args(["--family", "vqvae", "--data", "d", "--out", "o"]).vq_init == "random"
    with pytest.raises(SystemExit):
        train.parse_args(["--family", "ae", "--vq-init", "data", "--data", "d", "--out", "o"])


def test_command_with_data_init_records_it(slice_folder, tmp_path):
    record = train.main(["--family", "vqvae", "--vq-init", "data", "--data", str(slice_folder), "--out",
                         str(tmp_path), "--steps", "2", "--batch", "2", "--input-size", str(SIZE), "--width",
                         str(WIDTH), "--codes", "16"])
    assert record["metadata"]["vq_init"] == "data"
    assert np.isfinite(record["final_loss"])

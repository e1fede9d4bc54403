import numpy as np
import pytest
import torch
from torch import nn

from blindspot_training.models import FAMILIES, EMAQuantizer, build_model, vq_code_margins
from conftest import SIZE, WIDTH


def small(family, **kwargs):
    return build_model(family, SIZE, WIDTH, **kwargs)


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_reconstructs_the_input_shape(family):
    model = small(family)
    x = torch.rand(3, 1, SIZE, SIZE)
    rec, aux = model.reconstruct(x)
    assert rec.shape == x.shape
    assert (aux is None) == (family in ("ae", "spatial-ae"))
    if aux is not None:
        assert torch.isfinite(aux)
    model.eval()
    rec, aux = model.reconstruct(x)
    assert rec.shape == x.shape and aux is None


def test_ae_at_the_papers_size_follows_paper_md():
    model = build_model("ae", 256, 32, 128)
    convs = [m for m in model.encoder.modules() if isinstance(m, nn.Conv2d)]
    assert [c.out_channels for c in convs] == [32, 64, 128, 128, 128]
    assert all(c.stride == (2, 2) and c.kernel_size == (3, 3) and c.bias is None for c in convs)
    assert sum(isinstance(m, nn.BatchNorm2d) for m in model.encoder.modules()) == 5
    assert model.to_latent.in_features == 8192 and model.to_latent.out_features == 128
    assert model.to_latent.bias is None and model.from_latent.bias is None
    ups = [m for m in model.decoder.modules() if isinstance(m, nn.ConvTranspose2d)]
    # 128 -> 128 -> 128 -> 64 -> 32 -> 32: five upsamplings for five downsamplings
    assert [(u.in_channels, u.out_channels) for u in ups] == [(128, 128), (128, 128), (128, 64), (64, 32),
                                                              (32, 32)]
    assert all(u.stride == (2, 2) and u.padding == (1, 1) and u.output_padding == (1, 1) for u in ups)
    final = model.decoder[-1]
    assert isinstance(final, nn.Conv2d) and final.kernel_size == (1, 1) and final.out_channels == 1
    with torch.no_grad():
        assert model.encoder(torch.zeros(1, 1, 256, 256)).shape == (1, 128, 8, 8)


def test_spatial_ae_latent_is_an_8x8xc_map_at_256():
    model = build_model("spatial-ae", 256, 32, 2)
    assert model.latent_description() == "8x8x2"
    assert model.to_latent.kernel_size == (1, 1) and model.to_latent.out_channels == 2
    assert isinstance(model.from_latent, nn.ConvTranspose2d) and model.from_latent.out_channels == 128


def test_vqvae_at_the_papers_size_has_32x32_and_64x64_codes():
    model = build_model("vqvae", 256, 32).eval()
    assert not any(isinstance(m, nn.BatchNorm2d) for m in model.modules())
    shapes = {}
    for name in ("quantize_t", "quantize_b"):
        q = getattr(model, name)
        assert (q.dim, q.codes, q.decay) == (64, 512, 0.99)
        q.register_forward_hook(lambda m, i, o, name=name: shapes.__setitem__(name, tuple(o[0].shape)))
    with torch.no_grad():
        model(torch.rand(1, 1, 256, 256))
    assert shapes == {"quantize_t": (1, 64, 32, 32), "quantize_b": (1, 64, 64, 64)}
    res = [m for m in model.enc_b.modules() if m.__class__.__name__ == "ResBlock"]
    assert len(res) == 2 and res[0].conv[1].out_channels == 32 and res[0].conv[1].in_channels == 128


@pytest.mark.parametrize("family,size", [("ae", 48), ("vae", 100), ("vqvae", 60)])
def test_input_size_must_be_a_multiple_of_32_or_8_for_vqvae(family, size):
    with pytest.raises(ValueError, match="multiple"):
        build_model(family, size, WIDTH)


@pytest.mark.parametrize("family", FAMILIES)
def test_eval_mode_output_does_not_depend_on_the_batch(family):
    model = small(family)
    model.reconstruct(torch.rand(4, 1, SIZE, SIZE))  # moves BatchNorm statistics / codebooks
    model.eval()
    x = torch.rand(3, 1, SIZE, SIZE)
    with torch.no_grad():
        batch3 = model(x)
        batch1 = model(x[1:2])
    torch.testing.assert_close(batch1, batch3[1:2], atol=1e-5, rtol=1e-5)


def test_vqvae_codebook_moves_in_training_and_is_frozen_in_eval():
    model = small("vqvae")
    before = model.quantize_b.embed.clone()
    model.reconstruct(torch.rand(2, 1, SIZE, SIZE))
    assert not torch.equal(before, model.quantize_b.embed)
    model.eval()
    frozen = model.quantize_b.embed.clone()
    model(torch.rand(2, 1, SIZE, SIZE))
    assert torch.equal(frozen, model.quantize_b.embed)


def test_vae_samples_in_training_and_decodes_the_mean_in_eval():
    model = small("vae")
    x = torch.rand(2, 1, SIZE, SIZE)
    model.eval()
    torch.testing.assert_close(model(x), model(x), atol=0, rtol=0)
    model.train()
    first, second = model(x), model(x)
    assert not torch.allclose(first, second)


def test_quantizer_picks_the_nearest_code():
    q = EMAQuantizer(2, 3).eval()
    q.embed.copy_(torch.tensor([[0.0, 1.0, 5.0], [0.0, 1.0, 5.0]]))
    z = torch.tensor([[0.9, 4.0], [1.2, 4.4]]).reshape(2, 2, 1, 1).permute(1, 0, 2, 3).contiguous()
    out, diff = q(z)
    assert diff is None
    assert out[:, :, 0, 0].tolist() == [[1.0, 1.0], [5.0, 5.0]]


def test_code_margins_are_reported_per_level():
    model = small("vqvae").eval()
    margins = vq_code_margins(model, torch.rand(2, 1, SIZE, SIZE))
    assert set(margins) == {"quantize_t", "quantize_b"}
    assert all(np.isfinite(v["gap"]) and v["gap"] >= 0 and v["scale"] >= 0 for v in margins.values())

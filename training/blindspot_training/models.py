"""The paper's reconstruction models (paper.md, experiment 3), scaled by width, latent and input size.

Every model maps an image [N, 1, S, S] to a reconstruction of the same shape. `forward` returns only the
reconstruction (what the ONNX export sees); `reconstruct` returns (reconstruction, auxiliary loss or None)
for training. Training-only behaviour (VAE sampling, EMA codebook updates, commitment terms) runs only when
`self.training` is true: in eval mode BatchNorm uses its running statistics, the VAE decodes the posterior
mean and the VQ-VAE codebooks are frozen.

Reading of the paper's AE decoder (and of its code, models.py of FeliMe/residual-score-pitfalls): the list
"128, 128, 128, 64, 32, 32" is the channel count at each of the six resolutions S/32 .. S, so the decoder has
FIVE transposed-conv blocks (128->128, 128->128, 128->64, 64->32, 32->32), mirroring the five stride-2
encoder blocks, then the 1x1 conv to one channel.
"""

import torch
import torch.nn.functional as F
from torch import nn

FAMILIES = ("ae", "spatial-ae", "vae", "vqvae")
DEFAULT_LATENT = {"ae": 128, "vae": 128, "spatial-ae": 1}

# Five stride-2 blocks (AE family) / stride 8 to the top level (VQ-VAE-2).
SIZE_MULTIPLE = {"ae": 32, "spatial-ae": 32, "vae": 32, "vqvae": 8}


def check_input_size(family, size):
    multiple = SIZE_MULTIPLE[family]
    if size <= 0 or size % multiple:
        raise ValueError(f"input size {size} of {family} must be a positive multiple of {multiple}")


def encoder_channels(width):
    """[w, 2w, 4w, 4w, 4w]: the paper's 32, 64, 128, 128, 128 at width 32 (its code caps at 4 x width)."""
    return [width, 2 * width, 4 * width, 4 * width, 4 * width]


def conv_encoder(channels):
    blocks, cin = [], 1
    for c in channels:
        blocks.append(nn.Sequential(
            nn.Conv2d(cin, c, kernel_size=3, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(c),
            nn.LeakyReLU(),  # slope 0.01, PyTorch's default, as in the paper's code
        ))
        cin = c
    return nn.Sequential(*blocks)


def conv_decoder(channels):
    """Five transposed-conv blocks through the channels [4w, 4w, 4w, 2w, w, w], then a 1x1 conv to 1 channel."""
    path = list(reversed(channels)) + [channels[0]]
    blocks = []
    for cin, cout in zip(path[:-1], path[1:]):
        blocks.append(nn.Sequential(
            nn.ConvTranspose2d(cin, cout, kernel_size=3, stride=2, padding=1, output_padding=1, bias=False),
            nn.BatchNorm2d(cout),
            nn.LeakyReLU(),
        ))
    blocks.append(nn.Conv2d(channels[0], 1, kernel_size=1, bias=False))  # identity output activation
    return nn.Sequential(*blocks)


class Reconstructor(nn.Module):
    family = None

    def forward(self, image):
        return self.reconstruct(image)[0]

    def reconstruct(self, image):
        raise NotImplementedError

    def latent_description(self):
        raise NotImplementedError


class AE(Reconstructor):
    """Dense bottleneck: Linear (C*g*g -> latent) and back, no bias, no activation (g = S/32)."""
    family = "ae"

    def __init__(self, input_size=256, width=32, latent=128):
        super().__init__()
        check_input_size(self.family, input_size)
        channels = encoder_channels(width)
        self.grid = input_size // 32
        self.map_channels = channels[-1]
        features = self.map_channels * self.grid * self.grid
        self.latent = latent
        self.encoder = conv_encoder(channels)
        self.to_latent = nn.Linear(features, latent, bias=False)  # the VAE's mean head
        self.from_latent = nn.Linear(latent, features, bias=False)
        self.decoder = conv_decoder(channels)

    def decode(self, z):
        return self.decoder(self.from_latent(z).view(-1, self.map_channels, self.grid, self.grid))

    def reconstruct(self, image):
        z = self.to_latent(torch.flatten(self.encoder(image), 1))
        return self.decode(z), None

    def latent_description(self):
        return str(self.latent)


class SpatialAE(Reconstructor):
    """Spatial bottleneck: 1x1 conv C -> c and a 1x1 transposed conv back (a g x g x c latent map)."""
    family = "spatial-ae"

    def __init__(self, input_size=256, width=32, latent=1):
        super().__init__()
        check_input_size(self.family, input_size)
        channels = encoder_channels(width)
        self.grid = input_size // 32
        self.latent = latent
        self.encoder = conv_encoder(channels)
        self.to_latent = nn.Conv2d(channels[-1], latent, kernel_size=1, bias=False)
        self.from_latent = nn.ConvTranspose2d(latent, channels[-1], kernel_size=1, bias=False)
        self.decoder = conv_decoder(channels)

    def reconstruct(self, image):
        return self.decoder(self.from_latent(self.to_latent(self.encoder(image)))), None

    def latent_description(self):
        return f"{self.grid}x{self.grid}x{self.latent}"


class VAE(AE):
    """The AE with mean and log-variance heads (beyond the paper: the ceVAE line of work).

    Training samples z = mean + exp(logvar / 2) * eps and adds kl_weight * KL / (S*S): the KL of a sample in
    nats, averaged over the batch, per pixel like the L1 term (kl_weight 1 is the ELBO of a Laplace(b = 1)
    likelihood up to a constant, divided by the pixel count). Eval mode (and the export) decodes the mean.
    """
    family = "vae"

    def __init__(self, input_size=256, width=32, latent=128, kl_weight=1.0):
        super().__init__(input_size, width, latent)
        self.logvar = nn.Linear(self.to_latent.in_features, latent, bias=False)
        self.kl_weight = kl_weight
        self.pixels = input_size * input_size

    def reconstruct(self, image):
        h = torch.flatten(self.encoder(image), 1)
        mean = self.to_latent(h)
        if not self.training:
            return self.decode(mean), None
        logvar = self.logvar(h)
        z = mean + torch.exp(0.5 * logvar) * torch.randn_like(mean)
        kl = -0.5 * torch.sum(1 + logvar - mean.pow(2) - logvar.exp(), dim=1).mean()
        return self.decode(z), self.kl_weight * kl / self.pixels


class EMAQuantizer(nn.Module):
    """Vector quantiser with an EMA codebook (VQ-VAE-2, as in rosinality/vq-vae-2-pytorch used by the paper).

    Input and output are [N, dim, H, W]. The codebook moves only in training mode; eval mode is a frozen
    nearest-code lookup (squared Euclidean distance, first index on ties).
    """

    def __init__(self, dim, codes, decay=0.99, eps=1e-5):
        super().__init__()
        self.dim, self.codes, self.decay, self.eps = dim, codes, decay, eps
        embed = torch.randn(dim, codes)
        self.register_buffer("embed", embed)
        self.register_buffer("cluster_size", torch.zeros(codes))
        self.register_buffer("embed_avg", embed.clone())

    @torch.no_grad()
    def init_from(self, flat, generator=None):
        """Codebook from data (beyond the paper, `train --vq-init data`): `codes` vectors drawn from `flat`
        [M, dim] (with replacement when M < codes), and every code counted once.

        Why: with the paper's N(0, 1) codebook (norm ~ sqrt(dim)) and the encoder's small initial outputs, every
        vector's nearest code is the same one, and the EMA update then divides each unused code by its
        near-zero count (cluster_size starts at 0), throwing it far away for good: the codebook collapses to
        one code per level and the model cannot learn to reconstruct in a short run. Codes drawn from the
        encoder's outputs start where the vectors are, and a count of 1 keeps an unused code where it is.
        """
        pick = torch.randint(0, flat.shape[0], (self.codes,), generator=generator) if flat.shape[0] < self.codes \
            else torch.randperm(flat.shape[0], generator=generator)[:self.codes]
        self.embed.copy_(flat[pick].t())
        self.embed_avg.copy_(self.embed)
        self.cluster_size.fill_(1.0)

    def distances(self, flat):
        return (flat.pow(2).sum(1, keepdim=True) - 2 * flat @ self.embed
                + self.embed.pow(2).sum(0, keepdim=True))

    def forward(self, z):
        z = z.permute(0, 2, 3, 1)
        flat = z.reshape(-1, self.dim)
        index = self.distances(flat).argmin(1)
        quantized = F.embedding(index, self.embed.t()).view_as(z)
        diff = None
        if self.training:
            with torch.no_grad():
                onehot = F.one_hot(index, self.codes).type(flat.dtype)
                self.cluster_size.mul_(self.decay).add_(onehot.sum(0), alpha=1 - self.decay)
                self.embed_avg.mul_(self.decay).add_(flat.t() @ onehot, alpha=1 - self.decay)
                n = self.cluster_size.sum()
                size = (self.cluster_size + self.eps) / (n + self.codes * self.eps) * n
                self.embed.copy_(self.embed_avg / size.unsqueeze(0))
            diff = (quantized.detach() - z).pow(2).mean()
            quantized = z + (quantized - z).detach()  # straight-through gradient
        return quantized.permute(0, 3, 1, 2), diff


class ResBlock(nn.Module):
    def __init__(self, channels, res_channels):
        super().__init__()
        self.conv = nn.Sequential(
            nn.ReLU(),
            nn.Conv2d(channels, res_channels, 3, padding=1),
            nn.ReLU(),
            nn.Conv2d(res_channels, channels, 1),
        )

    def forward(self, x):
        return x + self.conv(x)


def vq_encoder(cin, channels, res_blocks, res_channels, stride):
    if stride == 4:
        layers = [nn.Conv2d(cin, channels // 2, 4, stride=2, padding=1), nn.ReLU(),
                  nn.Conv2d(channels // 2, channels, 4, stride=2, padding=1), nn.ReLU(),
                  nn.Conv2d(channels, channels, 3, padding=1)]
    else:
        layers = [nn.Conv2d(cin, channels // 2, 4, stride=2, padding=1), nn.ReLU(),
                  nn.Conv2d(channels // 2, channels, 3, padding=1)]
    layers += [ResBlock(channels, res_channels) for _ in range(res_blocks)]
    layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def vq_decoder(cin, cout, channels, res_blocks, res_channels, stride):
    layers = [nn.Conv2d(cin, channels, 3, padding=1)]
    layers += [ResBlock(channels, res_channels) for _ in range(res_blocks)]
    layers.append(nn.ReLU())
    if stride == 4:
        layers += [nn.ConvTranspose2d(channels, channels // 2, 4, stride=2, padding=1), nn.ReLU(),
                   nn.ConvTranspose2d(channels // 2, cout, 4, stride=2, padding=1)]
    else:
        layers.append(nn.ConvTranspose2d(channels, cout, 4, stride=2, padding=1))
    return nn.Sequential(*layers)


class VQVAE2(Reconstructor):
    """Two-level VQ-VAE-2: bottom codes at S/4 (64x64 at 256), top codes at S/8 (32x32), no BatchNorm.

    Width 32 gives the paper's 128 channels, residual blocks of 32 channels and embedding dim 64
    (channels 4w, residual channels w, embedding dim 2w); 2 residual blocks, 512 codes, decay 0.99.
    The auxiliary loss is commitment * (top + bottom commitment MSE), 0.25 in the paper.
    """
    family = "vqvae"

    def __init__(self, input_size=256, width=32, codes=512, decay=0.99, commitment=0.25, res_blocks=2):
        super().__init__()
        check_input_size(self.family, input_size)
        channels, res_channels, dim = 4 * width, width, 2 * width
        self.input_size, self.codes, self.dim, self.commitment = input_size, codes, dim, commitment
        self.enc_b = vq_encoder(1, channels, res_blocks, res_channels, stride=4)
        self.enc_t = vq_encoder(channels, channels, res_blocks, res_channels, stride=2)
        self.quantize_conv_t = nn.Conv2d(channels, dim, 1)
        self.quantize_t = EMAQuantizer(dim, codes, decay)
        self.dec_t = vq_decoder(dim, dim, channels, res_blocks, res_channels, stride=2)
        self.quantize_conv_b = nn.Conv2d(dim + channels, dim, 1)
        self.quantize_b = EMAQuantizer(dim, codes, decay)
        self.upsample_t = nn.ConvTranspose2d(dim, dim, 4, stride=2, padding=1)
        self.dec = vq_decoder(2 * dim, 1, channels, res_blocks, res_channels, stride=4)

    @torch.no_grad()
    def init_codebooks(self, image, seed=0):
        """Both codebooks from the encoders' outputs on `image` (EMAQuantizer.init_from): top first, then the
        bottom level's input given the top codes just chosen."""
        generator = torch.Generator().manual_seed(seed)
        enc_b = self.enc_b(image)
        z_t = self.quantize_conv_t(self.enc_t(enc_b))
        self.quantize_t.init_from(z_t.permute(0, 2, 3, 1).reshape(-1, self.dim), generator)
        was_training = self.training
        self.eval()  # the lookup without the EMA update
        quant_t, _ = self.quantize_t(z_t)
        z_b = self.quantize_conv_b(torch.cat([self.dec_t(quant_t), enc_b], 1))
        self.quantize_b.init_from(z_b.permute(0, 2, 3, 1).reshape(-1, self.dim), generator)
        self.train(was_training)

    def reconstruct(self, image):
        enc_b = self.enc_b(image)
        enc_t = self.enc_t(enc_b)
        quant_t, diff_t = self.quantize_t(self.quantize_conv_t(enc_t))
        dec_t = self.dec_t(quant_t)
        quant_b, diff_b = self.quantize_b(self.quantize_conv_b(torch.cat([dec_t, enc_b], 1)))
        rec = self.dec(torch.cat([self.upsample_t(quant_t), quant_b], 1))
        aux = self.commitment * (diff_t + diff_b) if self.training else None
        return rec, aux

    def latent_description(self):
        t, b = self.input_size // 8, self.input_size // 4
        return f"top {t}x{t} + bottom {b}x{b} codes, {self.codes} per level, dim {self.dim}"


def build_model(family, input_size=256, width=32, latent=None, kl_weight=1.0, codes=512, decay=0.99,
                commitment=0.25):
    """One model of `family` (FAMILIES). latent: AE/VAE latent size, Spatial-AE channels; unused by vqvae."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}; one of {', '.join(FAMILIES)}")
    if latent is None and family in DEFAULT_LATENT:
        latent = DEFAULT_LATENT[family]
    if family == "ae":
        return AE(input_size, width, latent)
    if family == "spatial-ae":
        return SpatialAE(input_size, width, latent)
    if family == "vae":
        return VAE(input_size, width, latent, kl_weight)
    return VQVAE2(input_size, width, codes, decay, commitment)


def vq_code_margins(model, image):
    """Per VQ level: the smallest gap between the nearest and second-nearest code over `image` (eval mode),
    and the largest nearest distance (the scale float32 rounding works at).

    A gap far above float32 rounding at that scale (about 1e-7 x scale) means ONNX Runtime picks the same
    codes as PyTorch; a gap near it means a parity test may see another code at that position.
    """
    margins, hooks = {}, []
    for name, module in model.named_modules():
        if isinstance(module, EMAQuantizer):
            def hook(mod, inputs, _output, name=name):
                flat = inputs[0].permute(0, 2, 3, 1).reshape(-1, mod.dim)
                two = mod.distances(flat).topk(2, dim=1, largest=False).values
                margins[name] = {"gap": float((two[:, 1] - two[:, 0]).min()),
                                 "scale": float(two[:, 0].abs().max())}
            hooks.append(module.register_forward_hook(hook))
    try:
        with torch.no_grad():
            model(image)
    finally:
        for h in hooks:
            h.remove()
    return margins

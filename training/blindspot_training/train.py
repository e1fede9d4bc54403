"""Train one reconstructor on 2D slices, evaluate it in inference mode, export ONNX + parity case.

    cd training && /usr/bin/python3 -m blindspot_training.train --family ae --latent 128 \
        --nifti ../samples/ch2bet.nii.gz --slices 50:80,96:126 --out models/

The defaults are the paper's (batch 128, 10,000 steps, AdamW lr 1e-3 weight decay 0.02, input 256,
width 32, seed 0). Writes to --out: NAME.onnx, NAME.parity-input.npy, NAME.parity-output.npy, NAME.json
(the command, arguments, timings and losses) and, with --checkpoint, NAME.pt (the state dict).
"""

import argparse
import json
import logging
import os
import shlex
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

from . import data, mood, nifti
from .export import OPSET, export_onnx, write_parity_case
from .models import FAMILIES, build_model, vq_code_margins

log = logging.getLogger("blindspot_training")

# Held out from the slices the demos and presets evaluate (80, 85, 90, 95).
NIFTI_SLICES = "50:80,96:126"


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python3 -m blindspot_training.train", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--family", required=True, choices=FAMILIES)
    p.add_argument("--latent", type=int, default=None,
                   help="ae/vae: latent size (default 128); spatial-ae: latent channels c (default 1); "
                        "not used by vqvae")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", help="folder of .npy slices (image.npy files if any, else every 2D float32 .npy)")
    source.add_argument("--nifti", help="NIfTI-1 file; slices volume[:, :, z] normalised by the volume maximum")
    source.add_argument("--mood-folder",
                        help="folder of MOOD-style volumes (*.nii, *.nii.gz), sorted: the first 60%% train (the "
                             "first 5%% of those validation, not trained on), the rest test")
    p.add_argument("--slices", default=None,
                   help="with --nifti or --mood-folder: z ranges along axis 2, half-open, comma-separated "
                        f"(default {NIFTI_SLICES} for --nifti: held out from the demos' slices 80-95; "
                        f"{mood.MOOD_SLICES} for --mood-folder, the paper's)")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--name", help="model name (default from family and latent, e.g. ae-latent128)")
    p.add_argument("--steps", type=int, default=10_000)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--input-size", type=int, default=256)
    p.add_argument("--width", type=int, default=32)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--weight-decay", type=float, default=0.02)
    p.add_argument("--kl-weight", type=float, default=1.0, help="vae: weight of the per-pixel KL term")
    p.add_argument("--codes", type=int, default=512, help="vqvae: codes per level")
    p.add_argument("--decay", type=float, default=0.99, help="vqvae: EMA decay of the codebooks")
    p.add_argument("--commitment", type=float, default=0.25, help="vqvae: commitment weight")
    p.add_argument("--vq-init", choices=("random", "data"), default="random",
                   help="vqvae: codebooks N(0, 1) as in the paper (random), or drawn from the encoders' outputs on "
                        "the first training slices with each code counted once (data; beyond the paper, avoids "
                        "the codebook collapsing to one code in short runs)")
    p.add_argument("--log-every", type=int, default=100, help="log the mean training loss every N steps")
    p.add_argument("--threads", type=int, default=None, help="torch intra-op threads (default: torch's)")
    p.add_argument("--checkpoint", action="store_true", help="also save NAME.pt (state dict)")
    args = p.parse_args(argv)
    if args.family != "vqvae" and args.vq_init != "random":
        p.error("--vq-init applies to vqvae only")
    if args.family == "vqvae" and args.latent is not None:
        p.error("--latent is not used by vqvae (its latents are the two code maps; see --codes)")
    if args.steps < 1 or args.batch < 1 or args.log_every < 1:
        p.error("--steps, --batch and --log-every must be positive")
    if args.data and args.slices is not None:
        p.error("--slices applies to --nifti and --mood-folder, not to --data")
    if args.slices is None and not args.data:
        args.slices = mood.MOOD_SLICES if args.mood_folder else NIFTI_SLICES
    return args


def default_name(family, latent, input_size):
    if family in ("ae", "vae"):
        return f"{family}-latent{latent}"
    if family == "spatial-ae":
        g = input_size // 32
        return f"spatial-ae-{g}x{g}x{latent}"
    return "vqvae2"


def load_training_slices(args, record=None):
    """(slices, description for the metadata); a MOOD folder's split goes into `record` (a dict) if given."""
    if args.data:
        slices, _ = data.load_slice_folder(args.data)
        folder = os.path.basename(os.path.normpath(args.data))
        return slices, f"folder {folder}: {len(slices)} slices"
    if args.mood_folder:
        files = mood.list_volumes(args.mood_folder)
        train_files, val_files, test_files = mood.split(files)
        if not train_files:
            raise ValueError(f"{args.mood_folder} has {len(files)} volumes: none left for training after the "
                             f"60 % / 5 % split (at least 2 volumes are needed)")
        z = nifti.parse_slice_ranges(args.slices)
        slices = mood.training_slices(train_files, z)
        if record is not None:
            record["mood_split"] = {"volumes": len(files),
                                    "train": [os.path.basename(f) for f in train_files],
                                    "validation": [os.path.basename(f) for f in val_files],
                                    "test": [os.path.basename(f) for f in test_files]}
        folder = os.path.basename(os.path.normpath(args.mood_folder))
        return slices, (f"MOOD-style folder {folder}: {len(train_files)} of {len(files)} volumes (first 60 %, "
                        f"minus {len(val_files)} validation), axis 2 slices {args.slices} ({len(slices)} slices), "
                        f"each normalised by its volume maximum")
    z = nifti.parse_slice_ranges(args.slices)
    slices = nifti.axis2_slices(args.nifti, z)
    return slices, (f"{os.path.basename(args.nifti)} axis 2 slices {args.slices} ({len(slices)} slices), "
                    f"normalised by the volume maximum")


def evaluate_l1(model, images, batch=16):
    """Mean L1 over `images` in eval mode (BatchNorm running statistics, codebooks frozen)."""
    model.eval()
    total = 0.0
    with torch.no_grad():
        for start in range(0, len(images), batch):
            x = torch.from_numpy(images[start:start + batch])
            total += F.l1_loss(model(x), x, reduction="sum").item()
    return total / images.size


def train(model, images, steps, batch, lr, weight_decay, seed, log_every):
    """AdamW on the L1 loss (+ the model's auxiliary loss); batches drawn with replacement, seeded.

    Returns (loss log [(step, mean loss over the last window)], seconds).
    """
    rng = np.random.default_rng(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    model.train()
    history, window, start = [], [], time.perf_counter()
    for step in range(1, steps + 1):
        x = torch.from_numpy(images[rng.integers(0, len(images), size=batch)])
        rec, aux = model.reconstruct(x)
        loss = F.l1_loss(rec, x)
        if aux is not None:
            loss = loss + aux
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        value = loss.item()
        if not np.isfinite(value):
            raise FloatingPointError(f"training loss is {value} at step {step}")
        window.append(value)
        if step % log_every == 0 or step == steps:
            elapsed = time.perf_counter() - start
            history.append((step, float(np.mean(window))))
            log.info("step %d/%d  loss %.5f  %.3f s/step", step, steps, history[-1][1], elapsed / step)
            window = []
    return history, time.perf_counter() - start


def parity_indices(n):
    """Two fixed slices for the parity case: a third and two thirds through the training slices."""
    return [n // 3, (2 * n) // 3] if n > 1 else [0, 0]


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stdout)
    args = parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    split_record = {}
    slices, description = load_training_slices(args, split_record)
    images = data.stack_slices(slices, args.input_size)
    model = build_model(args.family, args.input_size, args.width, args.latent, kl_weight=args.kl_weight,
                        codes=args.codes, decay=args.decay, commitment=args.commitment)
    latent = args.latent if args.latent is not None else getattr(model, "latent", None)
    name = args.name or default_name(args.family, latent, args.input_size)
    log.info("%s: %d parameters, %d training slices (%s), input %d, batch %d, %d steps",
             name, sum(p.numel() for p in model.parameters()), len(images), description, args.input_size,
             args.batch, args.steps)

    if args.family == "vqvae" and args.vq_init == "data":
        model.init_codebooks(torch.from_numpy(images[:min(len(images), args.batch)]), args.seed)
    history, seconds = train(model, images, args.steps, args.batch, args.lr, args.weight_decay, args.seed,
                             args.log_every)
    final_loss = evaluate_l1(model, images)
    log.info("trained in %.1f s (%.3f s/step); eval-mode L1 on the training slices %.5f",
             seconds, seconds / args.steps, final_loss)

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, name + ".onnx")
    parity = images[parity_indices(len(images))]
    command = "python3 -m blindspot_training.train " + " ".join(
        shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv))
    metadata = {
        "family": args.family,
        "input_size": args.input_size,
        "latent": model.latent_description(),
        "training_data": description,
        "steps": args.steps,
        "final_loss": f"{final_loss:.6g}",
        "final_loss_definition": "mean L1 over the training slices in eval mode",
        "final_train_loss": f"{history[-1][1]:.6g}",
        "width": args.width, "batch": args.batch, "seed": args.seed, "lr": args.lr,
        "weight_decay": args.weight_decay,
        "preprocessing": "slice zero-padded / centre-cropped to input_size, offset floor((input_size - n) / 2)",
        "inference_mode": "eval: BatchNorm running statistics, VAE mean, VQ codebooks frozen",
        "command": command,
    }
    if args.family == "vae":
        metadata["kl_weight"] = args.kl_weight
    if args.family == "vqvae":
        metadata.update(codes=args.codes, decay=args.decay, commitment=args.commitment, vq_init=args.vq_init)
    summary = export_onnx(model, onnx_path, parity, metadata, opset=OPSET)
    parity_paths = write_parity_case(model, onnx_path, parity)
    record = {"name": name, "command": command, "args": vars(args), "metadata": summary["metadata"],
              "contract": {k: summary[k] for k in ("input", "outputs", "opset")},
              "parameters": sum(p.numel() for p in model.parameters()),
              "training_seconds": round(seconds, 3), "seconds_per_step": round(seconds / args.steps, 4),
              "threads": torch.get_num_threads(), "final_loss": final_loss, "loss_log": history,
              "files": [os.path.basename(p) for p in (onnx_path, *parity_paths)],
              "onnx_bytes": os.path.getsize(onnx_path)}
    record.update(split_record)
    if args.family == "vqvae":
        record["vq_code_margins"] = vq_code_margins(model, torch.from_numpy(parity))
    if args.checkpoint:
        torch.save({"state_dict": model.state_dict(), "args": vars(args)}, os.path.join(args.out, name + ".pt"))
    with open(os.path.join(args.out, name + ".json"), "w") as f:
        json.dump(record, f, indent=2)
    log.info("wrote %s (%d bytes), parity case and %s.json", onnx_path, record["onnx_bytes"], name)
    return record


if __name__ == "__main__":
    main()

"""PyTorch's own inference speed for a model Blindspot runs through ONNX Runtime Java (bench: InferenceThroughput).

    /usr/bin/python3 bench/python/torch_throughput.py --model models/ae-latent128.onnx \
        --batches 1,8,32 --threads 2 --min-seconds 3

Builds the model's architecture with training/blindspot_training (family, width, latent, codes and input size
read from the ONNX file's metadata_props) in eval mode and times `model(x)` under torch.no_grad() on CPU with
the given number of intra-op threads (one inter-op thread), on the model's parity input tiled to each batch
size. Prints one JSON object.

Weights: the ONNX export folds BatchNorm into the encoder's convolutions and transposes the linear layers, so
the trained PyTorch weights cannot be read back from the .onnx file; NAME.pt beside it (train --checkpoint) is
loaded when present, otherwise the same architecture runs with its seeded initial weights. For these dense
models the time does not depend on the weight values (the same convolutions, matrix products and, for the
VQ-VAE-2, the same nearest-code search), so the speeds compare; the JSON says which weights were used, and with
a checkpoint the output is also compared with the parity output.
"""

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="an .onnx file written by blindspot_training")
    p.add_argument("--batches", default="1,8,32")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--min-seconds", type=float, default=3.0, help="time each batch size at least this long")
    p.add_argument("--min-runs", type=int, default=3)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    return p.parse_args()


def metadata(path):
    import onnx
    model = onnx.load(path, load_external_data=False)
    return {p.key: p.value for p in model.metadata_props}


def build(meta, repo):
    """The model of the ONNX file's metadata, eval mode."""
    sys.path.insert(0, os.path.join(repo, "training"))
    from blindspot_training.models import build_model
    family = meta["family"]
    latent = None
    if family in ("ae", "vae"):
        latent = int(meta["latent"])
    elif family == "spatial-ae":
        latent = int(meta["latent"].split("x")[-1])  # "8x8x1" -> 1 channel
    kwargs = {}
    if family == "vqvae":
        kwargs = {"codes": int(meta.get("codes", 512))}
    return build_model(family, int(meta["input_size"]), int(meta["width"]), latent, **kwargs)


def main():
    args = parse_args()
    import torch
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    meta = metadata(args.model)
    model = build(meta, args.repo)
    base = args.model[:-len(".onnx")]
    weights = "seeded initial weights (no checkpoint beside the model)"
    parity_max_abs = None
    parity = np.load(base + ".parity-input.npy")
    if os.path.exists(base + ".pt"):
        model.load_state_dict(torch.load(base + ".pt", map_location="cpu")["state_dict"])
        weights = "trained weights from " + os.path.basename(base) + ".pt"
    model.eval()
    if os.path.exists(base + ".pt"):
        with torch.no_grad():
            y = model(torch.from_numpy(parity)).numpy()
        parity_max_abs = float(np.abs(y - np.load(base + ".parity-output.npy")).max())

    rows = []
    for b in (int(x) for x in args.batches.split(",")):
        x = torch.from_numpy(np.ascontiguousarray(np.resize(parity, (b,) + parity.shape[1:]), dtype=np.float32))
        with torch.no_grad():
            for _ in range(args.warmup):
                model(x)
            times = []
            start = time.perf_counter()
            while len(times) < args.min_runs or time.perf_counter() - start < args.min_seconds:
                t0 = time.perf_counter()
                model(x)
                times.append(time.perf_counter() - t0)
        median = statistics.median(times)
        rows.append({"batch": b, "runs": len(times), "median_seconds": median, "slices_per_second": b / median})
    print(json.dumps({"model": os.path.basename(base), "family": meta["family"], "torch": torch.__version__,
                      "threads": torch.get_num_threads(), "interop_threads": 1, "weights": weights,
                      "parameters": sum(p.numel() for p in model.parameters()),
                      "parity_max_abs": parity_max_abs, "rows": rows}))


if __name__ == "__main__":
    main()

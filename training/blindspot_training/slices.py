"""Write training slices of a NIfTI volume as a folder in the ingest-service's layout.

    /usr/bin/python3 -m blindspot_training.slices --nifti ../samples/ch2bet.nii.gz --slices 50:80,96:126 \
        --out /tmp/ch2bet-train

writes /tmp/ch2bet-train/axis2-0050/image.npy ... (float32 [nx, ny], normalised by the volume maximum), the
same arrays the ingest-service stores under experiments/<id>/slices/axis2-0050/image.npy; train with
--data /tmp/ch2bet-train. The demos evaluate ch2bet slices 80, 85, 90 and 95: keep them out of training.
"""

import argparse
import os

import numpy as np

from .nifti import axis2_slices, parse_slice_ranges


def write_slices(nifti_path, ranges, out):
    """Writes one OUT/axis2-ZZZZ/image.npy per slice; returns the paths."""
    z_indices = parse_slice_ranges(ranges)
    paths = []
    for z, image in zip(z_indices, axis2_slices(nifti_path, z_indices)):
        folder = os.path.join(out, f"axis2-{z:04d}")
        os.makedirs(folder, exist_ok=True)
        paths.append(os.path.join(folder, "image.npy"))
        np.save(paths[-1], image)
    return paths


def main(argv=None):
    p = argparse.ArgumentParser(prog="python3 -m blindspot_training.slices", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nifti", required=True)
    p.add_argument("--slices", default="50:80,96:126", help="z ranges, half-open, comma-separated")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    paths = write_slices(args.nifti, args.slices, args.out)
    print(f"wrote {len(paths)} slices under {args.out}")


if __name__ == "__main__":
    main()

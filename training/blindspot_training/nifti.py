"""NIfTI-1 reading with numpy, gzip and struct only, following the ingest-service's NiftiReader.

Conventions (golden/README.md rules 1 and 2, the same as io.blindspot.ingest.domain.NiftiReader):
- endianness is whatever makes sizeof_hdr read 348; magic must be "n+1" (single file);
- voxels stay in the file's Fortran order: v[i, j, k] = data[i + nx*(j + ny*k)], no reorientation;
- scl_slope 0 or non-finite means no scaling; otherwise value = slope*raw + inter in double, rounded once to
  float32 (slope 1 and intercept 0 also mean no scaling; a non-finite intercept counts as 0);
- normalisation divides every voxel by the maximum of the WHOLE volume as a float32 division;
- slice z along axis 2 is volume[:, :, z]: row = i, column = j.
"""

import gzip
import math
import struct

import numpy as np

HEADER_SIZE = 348

# NIfTI-1 datatype code -> numpy type character code (without byte order).
_DATATYPES = {2: "u1", 4: "i2", 8: "i4", 16: "f4", 64: "f8", 256: "i1", 512: "u2"}


class NiftiError(ValueError):
    """A file this reader cannot read, with the reason."""


def read_nifti(path):
    """The volume in `path` (.nii or .nii.gz, recognised by the gzip magic) as float32 [nx, ny, nz]."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if len(raw) < HEADER_SIZE:
        raise NiftiError(f"{path}: {len(raw)} bytes, a NIfTI-1 header needs {HEADER_SIZE}")
    for endian in ("<", ">"):
        if struct.unpack(endian + "i", raw[0:4])[0] == HEADER_SIZE:
            break
    else:
        raise NiftiError(f"{path}: not a NIfTI-1 file (sizeof_hdr is not 348)")
    if raw[344:348] != b"n+1\x00":
        raise NiftiError(f"{path}: magic is {raw[344:348]!r}, expected b'n+1\\x00' (single-file NIfTI-1)")
    dim = struct.unpack(endian + "8h", raw[40:56])
    rank = dim[0]
    if not 1 <= rank <= 7 or any(d <= 0 for d in dim[1:rank + 1]):
        raise NiftiError(f"{path}: invalid dim {dim}")
    if any(d != 1 for d in dim[4:rank + 1]):
        raise NiftiError(f"{path}: only 3D volumes are supported, dim is {dim}")
    shape = tuple(dim[d] if d <= rank else 1 for d in (1, 2, 3))
    (datatype,) = struct.unpack(endian + "h", raw[70:72])
    if datatype not in _DATATYPES:
        raise NiftiError(f"{path}: unsupported datatype code {datatype}")
    (vox_offset,) = struct.unpack(endian + "f", raw[108:112])
    slope, inter = struct.unpack(endian + "2f", raw[112:120])
    dtype = np.dtype(endian + _DATATYPES[datatype])
    count = shape[0] * shape[1] * shape[2]
    offset = int(vox_offset)
    if offset < HEADER_SIZE or offset + count * dtype.itemsize > len(raw):
        raise NiftiError(f"{path}: {count} voxels at offset {offset} do not fit in {len(raw)} bytes")
    data = np.frombuffer(raw, dtype=dtype, count=count, offset=offset).reshape(shape, order="F")
    scaled = slope != 0 and math.isfinite(slope) and not (slope == 1 and inter == 0)
    if scaled:
        inter = inter if math.isfinite(inter) else 0.0
        return (float(slope) * data.astype(np.float64) + float(inter)).astype(np.float32)
    return data.astype(np.float32)


def normalise_by_maximum(volume):
    """Every voxel divided by the volume's maximum, as float32 / float32 (ch2bet: maximum 133, not 255)."""
    volume = np.asarray(volume, dtype=np.float32)
    if not np.all(np.isfinite(volume)):
        raise NiftiError("volume has non-finite voxels; cannot normalise it")
    maximum = volume.max()
    if not maximum > 0:
        raise NiftiError("volume has no positive voxel; cannot normalise by its maximum")
    return volume / np.float32(maximum)


def parse_slice_ranges(text):
    """'40:70' -> 40..69 (half-open, as in Python); '50:80,96:126' and '85' also work. Sorted, unique."""
    indices = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if ":" in part:
            start, stop = (int(p) for p in part.split(":", 1))
            if stop <= start:
                raise ValueError(f"empty slice range {part!r}")
            indices.update(range(start, stop))
        else:
            indices.add(int(part))
    if not indices:
        raise ValueError(f"no slices in {text!r}")
    return sorted(indices)


def axis2_slices(path, z_indices):
    """Normalised slices volume[:, :, z] of the NIfTI file, float32 [nx, ny] each, in the order given."""
    volume = normalise_by_maximum(read_nifti(path))
    nz = volume.shape[2]
    bad = [z for z in z_indices if not 0 <= z < nz]
    if bad:
        raise ValueError(f"slices {bad} outside 0..{nz - 1} of {path}")
    return [np.ascontiguousarray(volume[:, :, z]) for z in z_indices]

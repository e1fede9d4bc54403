"""Blindspot's training recipe: the paper's reconstruction models, trained on 2D slices, exported to ONNX.

Modules:
    nifti     NIfTI-1 reading (numpy + gzip + struct only) and slices of the bundled brain
    data      slice folders and the one padding/cropping rule to the model input size
    models    AE, Spatial-AE, VAE and two-level VQ-VAE-2 (paper.md, experiment 3)
    train     the command line: train, evaluate in inference mode, export
    export    ONNX export, metadata, parity case
    contract  check_contract(path): the ONNX I/O contract every model must meet
    slices    a NIfTI file's slices written as a folder in the ingest-service's layout
"""

__version__ = "0.1.0"

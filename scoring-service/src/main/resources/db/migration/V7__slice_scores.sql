-- The slice scores of issue 14's image-level metrics (auroc-image, ap-image): per (slice, sigma) of an experiment
-- that lists one, the mean, max and top-k mean of the residual map of every anomalous variant (variant = its
-- intensity index) and of the slice's lesion-free copy (variant -1: the normal slice against its own normal-rec
-- reconstruction). The cells are computed from these at query time. Stored at event time beside the results
-- rows, idempotently (ON CONFLICT DO NOTHING): a redelivered event changes nothing.
CREATE TABLE slice_scores (
    experiment_id  uuid   NOT NULL,
    volume         int    NOT NULL,
    axis           int    NOT NULL,
    slice_index    int    NOT NULL,
    sigma_index    int    NOT NULL,
    variant        int    NOT NULL,
    mean           float8 NOT NULL,
    max            float8 NOT NULL,
    top_k_mean     float8 NOT NULL,
    top_k          int    NOT NULL,
    PRIMARY KEY (experiment_id, volume, axis, slice_index, sigma_index, variant)
);

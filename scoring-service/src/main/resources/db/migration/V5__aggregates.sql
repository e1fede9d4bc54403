-- Issue 14: the cross-slice aggregation stage (volume-mean, pooled, pooled-float16) of an experiment whose spec
-- lists them. It runs once the experiment's per-slice rows are complete and re-reads each slice's artefacts.

-- Each scored reconstruction event of such an experiment (or of one not registered yet): what the stage reads.
-- The stage deletes them (and the artefacts they name) once it has stored its values.
CREATE TABLE aggregate_inputs (
    experiment_id      uuid  NOT NULL,
    reconstruction_key text  NOT NULL,
    event              jsonb NOT NULL,           -- the SliceReconstructed event
    PRIMARY KEY (experiment_id, reconstruction_key)
);

-- One value per (aggregation, metric, cell) and, for volume-mean, per volume (volume = -1: the cell's value).
-- INSERT ... ON CONFLICT DO NOTHING: a stage run twice (two replicas, a restart) changes nothing.
CREATE TABLE aggregates (
    experiment_id   uuid   NOT NULL,
    reconstructor   text   NOT NULL,
    mode            text   NOT NULL,
    aggregation     text   NOT NULL,
    metric          text   NOT NULL,
    intensity_index int    NOT NULL,
    sigma_index     int    NOT NULL,
    volume          int    NOT NULL,
    value           float8 NOT NULL,
    n               int    NOT NULL,              -- slices pooled, or volumes averaged
    std             float8,                       -- sample std over volumes (volume-mean)
    ci_low          float8,                       -- t-interval 95 % over volumes (volume-mean)
    ci_high         float8,
    boot_low        float8,                       -- percentile bootstrap 95 %
    boot_high       float8,
    PRIMARY KEY (experiment_id, aggregation, metric, intensity_index, sigma_index, volume, reconstructor, mode)
);

-- The stage's end: finished (error null) or failed (error says why); absent while it has not run to the end.
CREATE TABLE aggregation_runs (
    experiment_id uuid        PRIMARY KEY,
    finished_at   timestamptz NOT NULL DEFAULT now(),
    error         text
);

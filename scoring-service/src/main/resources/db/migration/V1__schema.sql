-- Scoring-service schema. Results are keyed by everything that identifies one per-slice value, so a
-- redelivered event (INSERT ... ON CONFLICT DO NOTHING) changes nothing.

CREATE TABLE experiments (
    id            uuid PRIMARY KEY,
    name          text        NOT NULL,
    submitted_at  timestamptz NOT NULL,
    spec          jsonb       NOT NULL,      -- the resolved ExperimentSpec
    intensities   float8[]    NOT NULL,
    sigmas        float8[]    NOT NULL,
    slices        int[]       NOT NULL,
    axis          int         NOT NULL,
    expected      bigint      NOT NULL       -- per-slice values the experiment produces when complete
);

-- No foreign key to experiments: results and experiments come from different topics, so a result may be
-- stored before its experiment is.
CREATE TABLE results (
    experiment_id   uuid        NOT NULL,
    axis            int         NOT NULL,
    slice_index     int         NOT NULL,
    reconstructor   text        NOT NULL,
    mode            text        NOT NULL,
    intensity_index int         NOT NULL,
    sigma_index     int         NOT NULL,
    intensity       float8      NOT NULL,
    sigma           float8      NOT NULL,
    metric          text        NOT NULL,
    value           float8      NOT NULL,
    mean_residual   float8,
    pos_row         int,
    pos_col         int,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (experiment_id, axis, slice_index, reconstructor, mode, intensity_index, sigma_index, metric)
);

CREATE TABLE dead_letters (
    id            bigserial PRIMARY KEY,
    experiment_id uuid,                      -- null when the payload names none
    topic         text        NOT NULL,      -- the topic the failed event came from
    reason        text        NOT NULL,
    payload       text,
    received_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX dead_letters_experiment ON dead_letters (experiment_id);

-- Datasets of several volumes (a MOOD-style folder): the same slice index of two volumes is two results, so the
-- slice's volume (its index in the spec's dataset.volumes; 0 for every one-volume experiment, including all
-- rows written before this migration) joins the primary key.
ALTER TABLE results ADD COLUMN volume int NOT NULL DEFAULT 0;
ALTER TABLE results DROP CONSTRAINT results_pkey;
ALTER TABLE results ADD PRIMARY KEY
    (experiment_id, volume, axis, slice_index, reconstructor, mode, intensity_index, sigma_index, metric);

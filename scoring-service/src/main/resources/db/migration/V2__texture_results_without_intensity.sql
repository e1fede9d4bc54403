-- Experiment 2 (textures: pixel-shuffle, sink, source) has one anomalous variant per slice and no intensity:
-- its results rows carry intensity NULL with intensity_index 0 (the index stays in the primary key, so cells
-- still group by indices). experiments.intensities is then the empty array '{}'.
ALTER TABLE results ALTER COLUMN intensity DROP NOT NULL;

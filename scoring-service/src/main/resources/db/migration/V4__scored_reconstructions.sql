-- Which reconstructions of a slice are scored (their results stored), so that scoring can delete the slice's
-- intermediate artefacts once every sigma is (blindspot.retention.intermediates=delete) and can recognise a
-- redelivered event whose reconstruction it already deleted. Keyed by the anomalous stack's object key, which
-- names the experiment, the volume and the slice.
CREATE TABLE scored_reconstructions (
    anomalous_key  text NOT NULL,
    reconstructor  text NOT NULL,
    mode           text NOT NULL,
    sigma_index    int  NOT NULL,
    PRIMARY KEY (anomalous_key, reconstructor, mode, sigma_index)
);

-- Issue 14: the threshold beside a Dice value. dice-best's rows hold the threshold of the best Dice (prediction
-- residual >= t), dice-at-normal-q99's the normal slices' q99 (prediction residual > t); NULL on every other row.
ALTER TABLE results ADD COLUMN IF NOT EXISTS threshold float8;

-- AP's chance level beside every per-slice value (issue 14): the slice's lesion prevalence, label pixels / slice
-- pixels (a random score's expected AP). One value per slice, repeated on each of its rows so that a row read
-- alone (CSV, /results) carries it. Rows stored before this migration have NULL: their prevalence was not
-- recorded (it is recomputable from the slice's label, which scoring keeps).
ALTER TABLE results ADD COLUMN IF NOT EXISTS prevalence float8;

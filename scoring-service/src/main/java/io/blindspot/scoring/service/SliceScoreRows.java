package io.blindspot.scoring.service;

import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.SliceScoreRow;
import io.blindspot.scoring.domain.SliceScores;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns the slice scores of one sigma of a {@code SliceReconstructed} event into {@code slice_scores} rows. */
final class SliceScoreRows {
    private SliceScoreRows() {
    }

    /**
     * @param j      the sigma's place in the event's block (sigma index {@code sigmaIndex + j})
     * @param scores {@link SliceScores#of}: per variant, then the lesion-free copy, {mean, max, top-k mean}
     */
    static List<SliceScoreRow> of(SliceReconstructed event, int j, double[][] scores) {
        UUID id = ExperimentRecord.parseId(event.experimentId());
        ReconstructionRef ref = event.reconstruction();
        int k = SliceScores.topK(event.slice().rows() * event.slice().cols());
        int sigmaIndex = ref.sigmaIndex() + j;
        List<SliceScoreRow> rows = new ArrayList<>(scores.length);
        for (int v = 0; v < scores.length; v++) {
            int variant = v == scores.length - 1 ? SliceScoreRow.LESION_FREE : v;
            double[] s = scores[v];
            rows.add(new SliceScoreRow(id, event.slice().volume(), event.slice().axis(), event.slice().index(),
                    sigmaIndex, variant, s[0], s[1], s[2], k));
        }
        return rows;
    }
}

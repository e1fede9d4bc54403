package io.blindspot.ingest.domain;

import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.contracts.events.SliceIngested;

import java.util.List;

/** Where accepted experiments are announced; both calls return only once the broker has acknowledged. */
public interface ExperimentEvents {
    /** @throws PublishException when not acknowledged */
    void submitted(ExperimentSubmitted event);

    /** @throws PublishException when any of them is not acknowledged */
    void slicesIngested(String experimentId, List<SliceIngested> slices);
}

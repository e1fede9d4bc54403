package io.blindspot.scoring.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@code waiting} or {@code stalled} experiment waits for (the API's {@code waiting_for}).
 *
 * @param what     one sentence for people
 * @param resource waiting: the resource whose fault is retried (database, object store, kafka); else null
 * @param since    waiting: when the first retry began; stalled: the last progress
 * @param events   waiting: how many of its events are retrying now; else null
 * @param missing  stalled: per-slice values not stored yet; else null
 * @param slices   stalled: the slices that lack values, at most {@link #MAX_SLICES}; else null
 */
public record WaitingFor(String what, String resource, Instant since, Integer events, Long missing,
                         List<SliceGap> slices) {
    /** The most slices listed; {@code what} counts them all. */
    public static final int MAX_SLICES = 50;

    /** One slice's progress: {@code done} of {@code expected} values stored. */
    public record SliceGap(int volume, int axis, int slice, long done, long expected) {
    }

    public static WaitingFor retrying(String resource, String detail, Instant since, int events) {
        return new WaitingFor(resource + " (" + events + (events == 1 ? " event" : " events") + " retrying): "
                + detail, resource, since, events, null, null);
    }

    /**
     * A stalled experiment: every slice of {@code volumes} × {@code slices} along {@code axis} with fewer than
     * {@code perSlice} values stored ({@code stored}: volume → axis → slice → count; absent = none).
     */
    public static WaitingFor stalled(Instant lastProgress, long done, long expected, int volumes, int axis,
                                     int[] slices, long perSlice, Map<List<Integer>, Long> stored) {
        List<SliceGap> gaps = new ArrayList<>();
        int empty = 0;
        for (int v = 0; v < volumes; v++) {
            for (int s : slices) {
                long have = stored.getOrDefault(List.of(v, axis, s), 0L);
                if (have < perSlice) {
                    gaps.add(new SliceGap(v, axis, s, have, perSlice));
                    if (have == 0) {
                        empty++;
                    }
                }
            }
        }
        gaps.sort(Comparator.comparingLong(SliceGap::done).thenComparingInt(SliceGap::volume)
                .thenComparingInt(SliceGap::slice));
        long missing = Math.max(0, expected - done);
        String what = String.format(Locale.ROOT, "results: %d of %d values missing, %d of %d slices incomplete "
                        + "(%d without any result); no new result since %s", missing, expected, gaps.size(),
                volumes * slices.length, empty, lastProgress);
        return new WaitingFor(what, null, lastProgress, null, missing,
                List.copyOf(gaps.subList(0, Math.min(MAX_SLICES, gaps.size()))));
    }
}

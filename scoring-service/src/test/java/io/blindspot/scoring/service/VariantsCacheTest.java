package io.blindspot.scoring.service;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.scoring.domain.SliceVariants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VariantsCacheTest {
    private final List<String> reads = new ArrayList<>();
    private final Function<String, FloatArray> reader = key -> {
        reads.add(key);
        if (key.startsWith("missing")) {
            throw new ObjectNotFoundException(key);
        }
        // a one-variant 1 x 1 stack, and its label
        return key.endsWith("label.npy") ? FloatArray.of2d(1, 1, new float[] {1f})
                : new FloatArray(new int[] {1, 1, 1}, new float[] {key.length()});
    };

    private static VariantsRef ref(String slice) {
        return new VariantsRef(slice + "/anomalous.npy", slice + "/label.npy", 1);
    }

    @Test
    void readsEachSliceOnceWhileItStaysCached() {
        VariantsCache cache = new VariantsCache(reader, 2);
        SliceVariants first = cache.get(ref("a"));
        SliceVariants again = cache.get(ref("a"));
        assertThat(again).isSameAs(first);
        assertThat(reads).containsExactly("a/anomalous.npy", "a/label.npy");
    }

    @Test
    void evictsTheLeastRecentlyUsedSlice() {
        VariantsCache cache = new VariantsCache(reader, 2);
        cache.get(ref("a"));
        cache.get(ref("b"));
        cache.get(ref("a"));       // a is now more recent than b
        cache.get(ref("c"));       // evicts b
        reads.clear();
        cache.get(ref("a"));
        cache.get(ref("b"));
        assertThat(reads).containsExactly("b/anomalous.npy", "b/label.npy");
    }

    @Test
    void doesNotCacheFailedReads() {
        VariantsCache cache = new VariantsCache(reader, 2);
        assertThatThrownBy(() -> cache.get(ref("missing"))).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> cache.get(ref("missing"))).isInstanceOf(ObjectNotFoundException.class);
        assertThat(reads).containsExactly("missing/anomalous.npy", "missing/anomalous.npy");
    }

    @Test
    void evictedSlicesAreReadAgain() {
        VariantsCache cache = new VariantsCache(reader, 2);
        cache.get(ref("a"));
        cache.evict(ref("a"));
        cache.get(ref("a"));
        assertThat(reads).containsExactly("a/anomalous.npy", "a/label.npy", "a/anomalous.npy", "a/label.npy");
    }

    @Test
    void readsTheCompactFormWithoutAStack() {
        // 1 x 4 slice, label on pixels 1 and 2; two variants: (0.5, 0.5) and (0.9, 0.3) on the label
        Map<String, FloatArray> objects = Map.of(
                "c/plane.npy", FloatArray.of2d(1, 4, new float[] {0.1f, 0.5f, 0.5f, 0.2f}),
                "c/label.npy", FloatArray.of2d(1, 4, new float[] {0, 1, 1, 0}),
                "c/values.npy", new FloatArray(new int[] {2, 2}, new float[] {0.5f, 0.5f, 0.9f, 0.3f}));
        List<String> compactReads = new ArrayList<>();
        VariantsCache cache = new VariantsCache(key -> {
            compactReads.add(key);
            return objects.get(key);
        }, 2);
        VariantsRef compact = new VariantsRef("c/plane.npy", "c/label.npy", 2, "c/values.npy");

        SliceVariants slice = cache.get(compact, 4);
        assertThat(cache.get(compact, 4)).isSameAs(slice);
        // the label first (its pixel count sizes the read budget of the rest), each object once
        assertThat(compactReads).containsExactly("c/label.npy", "c/plane.npy", "c/values.npy");
        assertThat(slice.variants()).isEqualTo(2);
        float[] plane = new float[4];
        slice.plane(1, plane);
        assertThat(plane).containsExactly(0.1f, 0.9f, 0.3f, 0.2f);
        slice.plane(0, plane);
        assertThat(plane).containsExactly(0.1f, 0.5f, 0.5f, 0.2f);
    }
}

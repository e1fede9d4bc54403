package io.blindspot.ingest.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small least-recently-used cache of decoded, normalised volumes keyed by their source text, so that a
 * series of experiments on the same brain decodes it once. A volume of ch2bet's size takes 28 MB as float32,
 * hence the small capacity. Two requests for a missing entry at once may both load it; the later one wins,
 * which costs time, not correctness.
 */
public final class VolumeCache {
    private final Map<String, Volume> entries;

    public VolumeCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Volume> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached volume for {@code key}, loading (outside the lock) and remembering it when absent. */
    public Volume get(String key, Supplier<Volume> loader) {
        synchronized (entries) {
            Volume cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Volume loaded = loader.get();
        put(key, loaded);
        return loaded;
    }

    public void put(String key, Volume volume) {
        synchronized (entries) {
            entries.put(key, volume);
        }
    }

    public boolean contains(String key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }
}

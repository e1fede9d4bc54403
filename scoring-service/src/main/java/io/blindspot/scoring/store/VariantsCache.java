package io.blindspot.scoring.store;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.contracts.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A small least-recently-used cache of anomalous stacks and labels. Every sigma of a slice arrives as its own
 * event (100 in the paper's grid) and all of them score the same [variants, rows, cols] stack, so loading it
 * once per slice instead of once per event saves ~99% of the reads. Bounded, because one stack of 100
 * variants of a 256x256 slice is 26 MB.
 */
@ApplicationScoped
public class VariantsCache {
    /** The arrays every event of one slice shares. */
    public record Variants(FloatArray anomalous, FloatArray label) {
    }

    private final Function<String, FloatArray> reader;
    private final Map<String, CompletableFuture<Variants>> entries;

    @Inject
    public VariantsCache(ObjectStore store,
                         @ConfigProperty(name = "blindspot.scoring.variants-cache-size", defaultValue = "4")
                         int capacity) {
        this(store::getArray, capacity);
    }

    /** @param reader reads the array stored under a key */
    VariantsCache(Function<String, FloatArray> reader, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
        }
        this.reader = reader;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Variants>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The stack and label of {@code ref}, read from the store on a miss. Concurrent events of the same slice
     * wait for one read instead of each reading; a failed read is not cached.
     */
    public Variants get(VariantsRef ref) {
        String key = ref.anomalousKey() + "|" + ref.labelKey();
        CompletableFuture<Variants> entry;
        boolean load = false;
        synchronized (entries) {
            entry = entries.get(key);
            if (entry == null) {
                entry = new CompletableFuture<>();
                entries.put(key, entry);
                load = true;
            }
        }
        if (load) {
            try {
                entry.complete(new Variants(reader.apply(ref.anomalousKey()), reader.apply(ref.labelKey())));
            } catch (RuntimeException e) {
                synchronized (entries) {
                    entries.remove(key, entry);
                }
                entry.completeExceptionally(e);
            }
        }
        try {
            return entry.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}

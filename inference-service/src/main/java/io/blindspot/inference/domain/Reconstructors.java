package io.blindspot.inference.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reconstructors by the name an experiment gives ({@code reconstruction.reconstructor}) and a parameter (sigma).
 *
 * <p>A name is {@code family} or {@code family:argument}: {@code gaussian-blur} takes no argument; a model-backed
 * family registers beside it (e.g. {@code onnx:<model>}, whose argument names the model). Instances are kept per
 * (name, parameter), because building one is not free (a blur kernel needs correctly rounded exps; a model must
 * be loaded) and an experiment asks for the same ones slice after slice.
 */
public final class Reconstructors {
    public static final String GAUSSIAN_BLUR = "gaussian-blur";
    /** Bound on cached instances; past it the cache starts again (experiments use ~100 sigmas). */
    private static final int MAX_CACHED = 4096;

    /** Builds one reconstructor of a family. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param argument  the part after {@code family:}, or null when the name has none
         * @param parameter the experiment's parameter for this reconstruction (sigma)
         */
        Reconstructor create(String argument, double parameter);
    }

    private record Family(String usage, Factory factory) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final Map<String, Reconstructor> cache = new ConcurrentHashMap<>();

    /** The reconstructors this service ships: {@code gaussian-blur}. */
    public static Reconstructors defaults() {
        return new Reconstructors().register(GAUSSIAN_BLUR, GAUSSIAN_BLUR, (argument, sigma) -> {
            if (argument != null) {
                throw new IllegalArgumentException("reconstructor " + GAUSSIAN_BLUR + " takes no argument, got '"
                        + GAUSSIAN_BLUR + ":" + argument + "'");
            }
            return new GaussianBlurReconstructor(sigma);
        });
    }

    /**
     * @param family  the name before any ':'
     * @param usage   how the name is written, for error messages (e.g. {@code onnx:<model>})
     */
    public Reconstructors register(String family, String usage, Factory factory) {
        families.put(family, new Family(usage, factory));
        return this;
    }

    /** How each registered name is written, in registration order. */
    public List<String> supported() {
        List<String> usages = new ArrayList<>();
        families.values().forEach(f -> usages.add(f.usage()));
        return usages;
    }

    /**
     * The reconstructor called {@code name} with {@code parameter}, shared between callers.
     *
     * @throws IllegalArgumentException for an unknown name (listing the supported ones) or a bad parameter
     */
    public Reconstructor get(String name, double parameter) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("no reconstructor named; supported: " + String.join(", ", supported()));
        }
        int colon = name.indexOf(':');
        String familyName = colon < 0 ? name : name.substring(0, colon);
        String argument = colon < 0 ? null : name.substring(colon + 1);
        Family family = families.get(familyName);
        if (family == null) {
            throw new IllegalArgumentException("unknown reconstructor '" + name + "'; supported: "
                    + String.join(", ", supported()));
        }
        String key = name + "@" + Double.doubleToLongBits(parameter);
        Reconstructor cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Reconstructor created = family.factory().create(argument, parameter);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        Reconstructor raced = cache.putIfAbsent(key, created);
        return raced != null ? raced : created;
    }
}

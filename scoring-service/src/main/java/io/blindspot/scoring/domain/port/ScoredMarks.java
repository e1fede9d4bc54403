package io.blindspot.scoring.domain.port;

/**
 * Which (slice, sigma) reconstructions have their results stored (PostgreSQL's {@code scored_reconstructions}:
 * repository.ScoredReconstructions): when a slice's variants may be deleted, and whether an event whose artefacts
 * are gone was scored before. Throws {@link io.blindspot.scoring.domain.RepositoryException} when the database fails.
 */
public interface ScoredMarks {
    /**
     * Records the scored sigmas {@code firstSigma … firstSigma + sigmas − 1} of a slice (idempotent) and returns how
     * many sigmas of the slice are scored now.
     */
    int markAndCount(String anomalousKey, String reconstructor, String mode, int firstSigma, int sigmas);

    /** Whether every sigma {@code firstSigma … firstSigma + sigmas − 1} of the slice was scored before. */
    boolean isScored(String anomalousKey, String reconstructor, String mode, int firstSigma, int sigmas);

    /**
     * The anomalous-variants keys under {@code keyPrefix} (one experiment's slices) whose {@code sigmas} sigmas are
     * all scored for some reconstructor and mode.
     */
    java.util.List<String> completeSlices(String keyPrefix, int sigmas);
}

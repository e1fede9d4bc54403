package io.blindspot.scoring.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What happens to a slice's intermediate artefacts once scoring has stored their results
 * ({@code blindspot.retention.intermediates}).
 *
 * <p>The store holds per slice the normalised image, the label, the anomalous variants ([k, rows, cols], or in the
 * compact form one plane and the k variants' label values) and the reconstructions of every sigma ([rows, cols]
 * in normal-rec, [k, rows, cols] in anomal-rec per sigma; one object per block of sigmas). For the paper's
 * 100 × 100 grid on 30 slices of 181 × 217 that is ~0.9 GB in normal-rec and ~47 GB in anomal-rec, against a few
 * MB of results; and nothing reads a reconstruction after its event is scored, nor the variants after the
 * slice's last sigma. So the default deletes them ({@link #DELETE}): each reconstruction (block) right after its
 * results are stored, the variants once every sigma of the slice is scored. Image and label stay (small; what a user
 * looks at next to the results); everything deleted is deterministic and comes back by running the experiment
 * again. {@link #KEEP} keeps everything (debugging, or to inspect reconstructions).
 */
public enum Retention {
    KEEP,
    DELETE;

    /** "keep" or "delete", any case. */
    public static Retention parse(String value) {
        if (value != null) {
            switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "keep":
                    return KEEP;
                case "delete":
                    return DELETE;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("blindspot.retention.intermediates must be keep or delete, got '"
                + value + "'");
    }

    /**
     * The object keys to delete after one event's results are stored (one sigma, or a block of them).
     *
     * @param reconstructionKey the event's reconstruction
     * @param anomalousKey      the slice's anomalous variants
     * @param scoredSigmas      how many sigmas of this slice (this event's included) have their results stored
     * @param totalSigmas       how many sigmas the experiment has; null when unknown (then the variants stay)
     */
    public List<String> toDelete(String reconstructionKey, String anomalousKey, int scoredSigmas,
                                 Integer totalSigmas) {
        return toDelete(reconstructionKey, List.of(anomalousKey), scoredSigmas, totalSigmas);
    }

    /**
     * {@link #toDelete(String, String, int, Integer)} for variants stored as several objects (the compact form:
     * the plane and the label values): all of them go once every sigma of the slice is scored.
     *
     * @param variantsKeys every object of the slice's variants
     */
    public List<String> toDelete(String reconstructionKey, List<String> variantsKeys, int scoredSigmas,
                                 Integer totalSigmas) {
        List<String> keys = new ArrayList<>(1 + variantsKeys.size());
        if (this == KEEP) {
            return keys;
        }
        keys.add(reconstructionKey);
        if (totalSigmas != null && scoredSigmas >= totalSigmas) {
            keys.addAll(variantsKeys);
        }
        return keys;
    }
}

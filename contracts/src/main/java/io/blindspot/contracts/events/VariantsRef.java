package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The anomalous variants of one slice, in one of two forms (see {@link io.blindspot.contracts.CompactVariants}).
 *
 * <ul>
 *   <li>full ({@code labelValuesKey} null): {@code anomalousKey} holds float32 [count, rows, cols];</li>
 *   <li>compact: every variant equals one plane outside the label (the paper's disk and textures change only
 *       the label's pixels), so {@code anomalousKey} holds that plane, float32 [rows, cols], and
 *       {@code labelValuesKey} float32 [count, k]: variant i's values on the k label pixels, in row-major
 *       order. 100 intensities of a 181 × 217 slice with a disk of radius 20: 0.66 MB instead of 15.7 MB.</li>
 * </ul>
 * Variant i has intensity {@code anomaly.intensities[i]}. In numpy: {@code v = np.repeat(ref[None], count, 0);
 * v[:, label == 1] = values}.
 *
 * @param anomalousKey   the full stack, or the plane shared outside the label; also the slice's variants'
 *                       identity (retention, scored marks)
 * @param labelKey       float32 [rows, cols] of 0/1, shared by every variant (disk ∩ brain)
 * @param labelValuesKey the compact form's label values, or null for the full form
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariantsRef(String anomalousKey, String labelKey, int count, String labelValuesKey) {
    @JsonCreator
    public VariantsRef {
    }

    /** The full form. */
    public VariantsRef(String anomalousKey, String labelKey, int count) {
        this(anomalousKey, labelKey, count, null);
    }

    /** Whether the variants are stored compactly (a plane and the label values). */
    public boolean compact() {
        return labelValuesKey != null;
    }
}

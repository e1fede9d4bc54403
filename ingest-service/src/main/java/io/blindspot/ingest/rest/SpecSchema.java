package io.blindspot.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The OpenAPI schemas of the request bodies, written out because the resources read the body as text (JSON or
 * YAML, checked by {@link io.blindspot.ingest.domain.SpecParser} and {@link io.blindspot.ingest.domain.AuditPlan},
 * which stay the authority: field names matched exactly, unknown fields refused, a JSON null the same as absent).
 * Only documentation: nothing is deserialised into these types.
 */
final class SpecSchema {
    private SpecSchema() {
    }

    static final String NUMBERS = "A list of numbers, or {\"linspace\": [start, stop, num]} (numpy's linspace, num"
            + " 0 to 10000); at most 10000 values";

    @Schema(name = "ExperimentSpec", description = "An experiment: the slices, the anomaly painted into each, and "
            + "the reconstruction scored. Unknown fields are refused.", additionalProperties = Schema.False.class,
            requiredProperties = {"dataset", "anomaly", "reconstruction"})
    record Experiment(
            @Schema(description = "Label of the experiment (1 to 200 characters)", defaultValue = "experiment",
                    minLength = 1, maxLength = 200) String name,
            Dataset dataset,
            Anomaly anomaly,
            Reconstruction reconstruction,
            @Schema(description = "Metrics computed per slice", defaultValue = "[\"ap\"]", minItems = 1,
                    uniqueItems = true, type = SchemaType.ARRAY, implementation = Metric.class) List<Metric> metrics) {
    }

    @Schema(enumeration = {"ap", "ap-normalised", "auroc", "dice-best", "aupro-0.3", "dice-at-normal-q99",
            "auroc-image", "ap-image"},
            description = "ap: average "
            + "precision of the residual against the anomaly's label; ap-normalised: (AP - p) / (1 - p), p the "
            + "slice's lesion prevalence (AP's chance level); auroc: pixel ROC AUC; dice-best: the best Dice over "
            + "every threshold of the residual; aupro-0.3: per-region overlap up to FPR 0.3, normalised to [0, 1]; "
            + "dice-at-normal-q99: Dice at the threshold 1 % of the normal slices' residuals exceed (normal-rec). "
            + "auroc-image, ap-image: slices ranked by a slice score of their residual against lesion-free copies "
            + "(one value per cell; need anomaly.normal-fraction and normal-rec). "
            + "Scoring stores one value per slice and cell for each listed metric",
            type = SchemaType.STRING)
    enum Metric { ap }

    @Schema(name = "Dataset", description = "The slices: `slices` along `axis` of one volume (`source`) or of each "
            + "of several (`volumes`); give exactly one of source and volumes.", additionalProperties =
            Schema.False.class, requiredProperties = {"slices"})
    record Dataset(
            @Schema(description = "sample:NAME (GET /api/samples), upload:ID (POST /api/volumes) or store:KEY",
                    pattern = "^(sample|upload|store):.+$", example = "sample:ch2bet") String source,
            @Schema(description = "Several volumes' sources (distinct), each as `source`; not with source",
                    minItems = 1, maxItems = 10000, uniqueItems = true) List<String> volumes,
            @Schema(description = "Axis slices are taken along (slice z of axis 2 is volume[:, :, z])",
                    defaultValue = "2", minimum = "0", maximum = "2") Integer axis,
            @Schema(description = "Slice indices (distinct, >= 0): a list, {\"range\": [start, stop(, step)]} or "
                    + "{\"linspace\": [start, stop, num]} of integers; at most 10000",
                    oneOf = {SliceList.class, Range.class, Linspace.class}) Object slices,
            @Schema(description = "Applied by ingest to each normalised slice: none, or equalize-hist (the paper's "
                    + "equalised experiment 1)", enumeration = {"none", "equalize-hist"}, defaultValue = "none")
            String preprocessing) {
    }

    @Schema(name = "Anomaly", description = "disk paints one variant per intensity (needs intensities); the "
            + "textures pixel-shuffle, sink and source re-fill the disk from the slice itself (no intensities, one "
            + "variant per slice). Centres: positions, or drawn with seed (a disk takes one of the two).",
            additionalProperties = Schema.False.class, requiredProperties = {"type", "radius"})
    record Anomaly(
            @Schema(enumeration = {"disk", "pixel-shuffle", "sink", "source"}) String type,
            @Schema(description = "Disk radius in pixels", minimum = "1", maximum = "2147483647") Integer radius,
            @Schema(description = "Disk only, required there: intensities in [0, 1] (units of the normalised "
                    + "slice). " + NUMBERS, oneOf = {UnitNumberList.class, Linspace.class}) Object intensities,
            @Schema(description = "One [row, col] centre per (volume, slice), volume by volume",
                    type = SchemaType.ARRAY, implementation = Position.class) List<Position> positions,
            @Schema(description = "Draws each slice's centre over its brain pixels (default 0 when no positions); "
                    + "a texture always has one (pixel-shuffle's permutation)", minimum = "0") Long seed,
            @Schema(name = "normal-fraction", description = "The share of lesion-free slices in the test set of "
                    + "auroc-image and ap-image: n = round(N f / (1 - f)) of the N slices lend their lesion-free "
                    + "copy (chosen by the seed)", exclusiveMinimum = true, minimum = "0", maximum = "0.5")
            Double normalFraction) {
    }

    @Schema(name = "Reconstruction", additionalProperties = Schema.False.class,
            requiredProperties = {"reconstructor"})
    record Reconstruction(
            @Schema(enumeration = {"normal-rec", "anomal-rec"}, defaultValue = "normal-rec", description =
                    "normal-rec: reconstruct the anomalous slice; anomal-rec: the anomaly alone") String mode,
            @Schema(description = "gaussian-blur, or onnx:NAME: a model registered with the inference-service "
                    + "(GET /api/models)", pattern = "^(gaussian-blur|onnx:[a-z0-9][a-z0-9._-]{0,63})$",
                    example = "gaussian-blur") String reconstructor,
            @Schema(description = "gaussian-blur only, required there: blur sigmas >= 0. " + NUMBERS,
                    oneOf = {NonNegativeNumberList.class, Linspace.class}) Object sigmas) {
    }

    @Schema(name = "BlindSpotAudit", description = "A blind-spot audit: three experiments submitted together "
            + "(reference: disk + gaussian-blur over the sigmas; normal-rec and anomal-rec with onnx:MODEL) on the "
            + "same slices, positions and intensities. Default data: sample:ch2bet, slices 80, 85, 90, 95 of axis "
            + "2 with the golden positions. Unknown fields are refused.", additionalProperties =
            Schema.False.class, requiredProperties = {"model"})
    record Audit(
            @Schema(description = "A model registered with the inference-service",
                    pattern = "^[a-z0-9][a-z0-9._-]{0,63}$", example = "ae-latent128") String model,
            @Schema(description = "As an experiment's dataset") Dataset dataset,
            @Schema(description = "One [row, col] centre per (volume, slice); not with seed",
                    type = SchemaType.ARRAY, implementation = Position.class) List<Position> positions,
            @Schema(description = "Draws the centres; not with positions", minimum = "0", defaultValue = "0")
            Long seed,
            @Schema(description = "Default {\"linspace\": [0, 1, 100]}. " + NUMBERS,
                    oneOf = {UnitNumberList.class, Linspace.class}) Object intensities,
            @Schema(description = "The reference grid's sigmas, default {\"linspace\": [0, 5, 100]}. " + NUMBERS,
                    oneOf = {NonNegativeNumberList.class, Linspace.class}) Object sigmas,
            @Schema(minimum = "1", defaultValue = "20") Integer radius,
            @Schema(description = "What counts as inside the blind spot: a number = AP below it, in (0, 1] "
                    + "(default 0.5); or {\"metric\": M, \"below\": t}: metric M (ap, ap-normalised, auroc, "
                    + "dice-best, aupro-0.3) below t, in (0, 1] (ap-normalised: (-1, 1]); or {\"times-chance\": k}: "
                    + "AP below k times its chance level (the lesion prevalence, ~0.03 for a radius-20 disk)",
                    oneOf = {ApThreshold.class, AuditThreshold.class}) Object threshold) {
    }

    @Schema(name = "ApThreshold", type = SchemaType.NUMBER, minimum = "0", exclusiveMinimum = true,
            maximum = "1", defaultValue = "0.5", description = "AP below it counts as inside the blind spot")
    static final class ApThreshold {
    }

    @Schema(name = "AuditThreshold", additionalProperties = Schema.False.class,
            description = "Either below (on metric, default ap) or times-chance (on ap)")
    record AuditThreshold(
            @Schema(enumeration = {"ap", "ap-normalised", "auroc", "dice-best", "aupro-0.3"}, defaultValue = "ap")
            String metric,
            @Schema(description = "The metric's value below which an intensity is blind: (0, 1], ap-normalised "
                    + "(-1, 1]") Double below,
            @Schema(name = "times-chance", description = "Blind where AP < times-chance x chance level (the "
                    + "lesion prevalence of the slices)", minimum = "0", exclusiveMinimum = true)
            Double timesChance) {
    }

    @Schema(type = SchemaType.ARRAY, minItems = 2, maxItems = 2, description = "[row, col]",
            implementation = Index.class)
    static final class Position {
    }

    @Schema(type = SchemaType.ARRAY, minItems = 1, maxItems = 10000, uniqueItems = true,
            implementation = Index.class)
    static final class SliceList {
    }

    @Schema(name = "Index", type = SchemaType.INTEGER, minimum = "0", maximum = "2147483647",
            description = "An index >= 0 (an integral number such as 20.0 is read as 20)")
    static final class Index {
    }

    @Schema(type = SchemaType.ARRAY, minItems = 1, maxItems = 10000, implementation = UnitNumber.class)
    static final class UnitNumberList {
    }

    @Schema(name = "UnitNumber", type = SchemaType.NUMBER, minimum = "0", maximum = "1")
    static final class UnitNumber {
    }

    @Schema(type = SchemaType.ARRAY, minItems = 1, maxItems = 10000, implementation = NonNegativeNumber.class)
    static final class NonNegativeNumberList {
    }

    @Schema(name = "NonNegativeNumber", type = SchemaType.NUMBER, minimum = "0")
    static final class NonNegativeNumber {
    }

    @Schema(name = "Range", additionalProperties = Schema.False.class, requiredProperties = {"range"},
            description = "Python's range(start, stop[, step]) of integers")
    record Range(@Schema(type = SchemaType.ARRAY, minItems = 2, maxItems = 3, implementation = Long.class)
                 List<Long> range) {
    }

    @Schema(name = "Linspace", additionalProperties = Schema.False.class, requiredProperties = {"linspace"},
            description = "numpy's linspace(start, stop, num), num 0 to 10000")
    record Linspace(@Schema(type = SchemaType.ARRAY, minItems = 3, maxItems = 3, implementation = Double.class)
                    List<Double> linspace) {
    }
}

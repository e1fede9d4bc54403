package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The experiment's grid of mean AP values as scoring returns it ({@code GET .../cells}), indexed
 * {@code [intensity_index][sigma_index]}, and its text rendering for the terminal.
 *
 * @param intensities intensity of each row index
 * @param sigmas      sigma of each column index
 * @param apMean      {@code apMean[i][s]}; NaN where scoring has no cell
 */
public record Grid(double[] intensities, double[] sigmas, double[][] apMean) {
    /** Largest grid side printed in full; larger grids are shown evenly subsampled to this size. */
    public static final int MAX_SIDE = 11;

    /** Reads the {@code "cells"} array of scoring's answer. */
    public static Grid fromCells(JsonNode answer) {
        JsonNode cells = answer.has("cells") ? answer.get("cells") : answer;
        int rows = 0;
        int cols = 0;
        for (JsonNode c : cells) {
            rows = Math.max(rows, c.get("intensity_index").asInt() + 1);
            cols = Math.max(cols, c.get("sigma_index").asInt() + 1);
        }
        double[] intensities = new double[rows];
        double[] sigmas = new double[cols];
        double[][] ap = new double[rows][cols];
        for (double[] row : ap) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (JsonNode c : cells) {
            int i = c.get("intensity_index").asInt();
            int s = c.get("sigma_index").asInt();
            // Texture anomalies (experiment 2) have one variant and no intensity: NaN, shown as "texture".
            JsonNode intensity = c.get("intensity");
            intensities[i] = intensity == null || intensity.isNull() ? Double.NaN : intensity.asDouble();
            sigmas[s] = c.get("sigma").asDouble();
            ap[i][s] = c.get("ap_mean").asDouble();
        }
        return new Grid(intensities, sigmas, ap);
    }

    /**
     * {@code size} indices spread evenly over {@code 0..n-1}, both ends included ({@code round(k (n-1)/(size-1))});
     * every index when {@code n <= size}.
     */
    static int[] evenlySpaced(int n, int size) {
        if (n <= size) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] picked = new int[size];
        for (int k = 0; k < size; k++) {
            picked[k] = (int) Math.round(k * (n - 1) / (double) (size - 1));
        }
        return picked;
    }

    /**
     * The grid as text: one row per intensity with the highest on top (as in the paper's figure), one column per
     * sigma, AP with 4 decimals. Grids wider or taller than {@link #MAX_SIDE} are subsampled, and the first line
     * says so.
     */
    public String render() {
        int[] rows = evenlySpaced(intensities.length, MAX_SIDE);
        int[] cols = evenlySpaced(sigmas.length, MAX_SIDE);
        StringBuilder out = new StringBuilder();
        if (rows.length < intensities.length || cols.length < sigmas.length) {
            out.append(String.format(Locale.ROOT,
                    "(%d x %d grid, showing an evenly subsampled %d x %d view; the CSV files have every cell)%n",
                    intensities.length, sigmas.length, rows.length, cols.length));
        }
        out.append(String.format(Locale.ROOT, "%-9s |", "int\\sigma"));
        for (int s : cols) {
            out.append(String.format(Locale.ROOT, " %7s", trim(sigmas[s])));
        }
        out.append(System.lineSeparator());
        out.append("-".repeat(11 + 8 * cols.length)).append(System.lineSeparator());
        for (int r = rows.length - 1; r >= 0; r--) {
            int i = rows[r];
            String label = Double.isNaN(intensities[i]) ? "texture" : trim(intensities[i]);
            out.append(String.format(Locale.ROOT, "%9s |", label));
            for (int s : cols) {
                double v = apMean[i][s];
                out.append(Double.isNaN(v) ? String.format(Locale.ROOT, " %7s", "-")
                        : String.format(Locale.ROOT, " %7.4f", v));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    /** A grid coordinate with at most 4 decimals and no trailing zeros: 0.5, 1, 0.0505. */
    static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Largest {@code |apMean - reference|} over the reference grid ({@code reference[i][s]}, same indexing).
     *
     * @throws IllegalArgumentException when the shapes differ or a cell is missing
     */
    public double maxAbsDifference(double[][] reference) {
        if (reference.length != apMean.length) {
            throw new IllegalArgumentException("grid has " + apMean.length + " intensities, reference "
                    + reference.length);
        }
        double max = 0;
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < reference.length; i++) {
            if (reference[i].length != apMean[i].length) {
                throw new IllegalArgumentException("grid has " + apMean[i].length + " sigmas, reference "
                        + reference[i].length);
            }
            for (int s = 0; s < reference[i].length; s++) {
                if (Double.isNaN(apMean[i][s])) {
                    missing.add("[" + i + "][" + s + "]");
                } else {
                    max = Math.max(max, Math.abs(apMean[i][s] - reference[i][s]));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("cells missing: " + String.join(", ", missing));
        }
        return max;
    }
}

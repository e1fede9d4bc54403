package io.blindspot.scoring.rest;

import io.blindspot.contracts.events.Metrics;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.SliceResult;

import java.util.List;

/**
 * CSV forms of the cells and per-slice results. Doubles are written with {@link Double#toString(double)}, the
 * shortest text that parses back to the same double, so nothing is lost on the way to pandas or R. A texture's
 * missing intensity is an empty field (pandas reads NaN), and so is a value that is undefined (NaN: a metric
 * undefined for a slice, a cell without any defined value) or unknown (prevalence of rows stored before it was).
 */
final class Csv {
    static final String CELLS_HEADER = "intensity,sigma,ap_mean,ap_std,n,mean_residual,prevalence,n_undefined";
    static final String RESULTS_HEADER = "volume,axis,slice,intensity,sigma,intensity_index,sigma_index,ap,"
            + "mean_residual,pos_row,pos_col,prevalence";

    private Csv() {
    }

    /** One line per cell; an empty ap_std field when fewer than two slices are in. */
    static String cells(List<Cell> cells) {
        return cells(cells, "ap");
    }

    /** {@link #cells(List)} of a metric: its columns named {@code <metric>_mean}, {@code <metric>_std}. */
    static String cells(List<Cell> cells, String metric) {
        StringBuilder csv = new StringBuilder(CELLS_HEADER.replace("ap_", metric + "_")).append('\n');
        for (Cell c : cells) {
            csv.append(orEmpty(c.intensity())).append(',').append(c.sigma()).append(',').append(number(c.apMean()))
                    .append(',').append(orEmpty(c.apStd())).append(',').append(c.n()).append(',')
                    .append(number(c.meanResidual())).append(',').append(orEmpty(c.prevalence())).append(',')
                    .append(c.skipped()).append('\n');
        }
        return csv.toString();
    }

    /** One line per slice and cell; empty pos_row/pos_col when the position is unknown. */
    static String results(List<SliceResult> results) {
        return results(results, "ap");
    }

    /**
     * {@link #results(List)} of a metric: its column named after it instead of {@code ap}; a Dice metric
     * (dice-best, dice-at-normal-q99) adds the column {@code threshold}, the residual threshold behind each value.
     */
    static String results(List<SliceResult> results, String metric) {
        boolean threshold = Metrics.DICE_BEST.equals(metric) || Metrics.DICE_AT_NORMAL_Q99.equals(metric);
        StringBuilder csv = new StringBuilder(RESULTS_HEADER.replace(",ap,", "," + metric + ","))
                .append(threshold ? ",threshold" : "").append('\n');
        for (SliceResult r : results) {
            csv.append(r.volume()).append(',').append(r.axis()).append(',').append(r.slice()).append(',')
                    .append(orEmpty(r.intensity()))
                    .append(',').append(r.sigma()).append(',').append(r.intensityIndex()).append(',').append(r.sigmaIndex())
                    .append(',').append(number(r.ap())).append(',').append(number(r.meanResidual())).append(',')
                    .append(orEmpty(r.positionRow())).append(',').append(orEmpty(r.positionCol())).append(',')
                    .append(orEmpty(r.prevalence()));
            if (threshold) {
                csv.append(',').append(orEmpty(r.threshold()));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** A value, or the empty field for null (and for a NaN or infinite double). */
    private static String orEmpty(Object value) {
        return value == null ? "" : value instanceof Double d ? number(d) : value.toString();
    }

    /** {@link Double#toString(double)}, or the empty field where the value is undefined (NaN, infinite). */
    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }

    /** The cells under an aggregation ({@link Views.AggregatedCellRow}); empty fields for null. */
    static String aggregatedCells(List<Views.AggregatedCellRow> cells, String metric, String aggregation) {
        StringBuilder csv = new StringBuilder("intensity,sigma,aggregation," + metric + "," + metric
                + "_std,n,mean_residual,ci_low,ci_high,boot_low,boot_high\n");
        for (Views.AggregatedCellRow c : cells) {
            csv.append(orEmpty(c.intensity())).append(',').append(c.sigma()).append(',').append(aggregation)
                    .append(',').append(c.value()).append(',').append(orEmpty(c.std())).append(',').append(c.n())
                    .append(',').append(c.meanResidual()).append(',').append(orEmpty(c.ciLow())).append(',')
                    .append(orEmpty(c.ciHigh())).append(',').append(orEmpty(c.bootLow())).append(',')
                    .append(orEmpty(c.bootHigh())).append('\n');
        }
        return csv.toString();
    }

    /** The stored values of an aggregation ({@link Views.AggregateView}); an empty volume is the cell's value. */
    static String aggregates(List<Views.AggregateView> rows, String metric) {
        StringBuilder csv = new StringBuilder("aggregation,volume,intensity,sigma,intensity_index,sigma_index,"
                + metric + ",n,std,ci_low,ci_high,boot_low,boot_high\n");
        for (Views.AggregateView r : rows) {
            csv.append(r.aggregation()).append(',').append(orEmpty(r.volume())).append(',')
                    .append(orEmpty(r.intensity())).append(',').append(r.sigma()).append(',')
                    .append(r.intensityIndex()).append(',').append(r.sigmaIndex()).append(',').append(r.value())
                    .append(',').append(r.n()).append(',').append(orEmpty(r.std())).append(',')
                    .append(orEmpty(r.ciLow())).append(',').append(orEmpty(r.ciHigh())).append(',')
                    .append(orEmpty(r.bootLow())).append(',').append(orEmpty(r.bootHigh())).append('\n');
        }
        return csv.toString();
    }
}

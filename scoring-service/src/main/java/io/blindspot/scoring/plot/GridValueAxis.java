package io.blindspot.scoring.plot;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A number axis over block positions (0 .. n−1) whose ticks show the parameter values, not the positions.
 * The blocks are drawn in index space so that each cell is one equally sized block even when the values are
 * unevenly spaced (sigmas 0, 0.5, 1, 2, 5).
 */
final class GridValueAxis extends NumberAxis {
    private final transient GridAxis grid;

    GridValueAxis(String label, GridAxis grid) {
        super(label);
        this.grid = grid;
        setAutoRange(false);
        setRange(-0.5, grid.size() - 0.5);
    }

    @Override
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        boolean horizontal = RectangleEdge.isTopOrBottom(edge);
        TextAnchor anchor = horizontal
                ? (edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER)
                : (edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT);
        List<NumberTick> ticks = new ArrayList<>();
        for (GridAxis.Tick tick : grid.ticks()) {
            ticks.add(new NumberTick(TickType.MAJOR, tick.position(), tick.label(), anchor, anchor, 0.0));
        }
        return ticks;
    }
}

package io.blindspot.scoring.plot;

import java.awt.Color;

/**
 * Line colours: matplotlib's default cycle ({@code tab10}), the colours of the paper's curve figures. A matched
 * reference curve takes its curve's colour, dashed, so the pair reads as one.
 */
public final class Palette {
    private static final Color[] TAB10 = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };

    private Palette() {
    }

    /** Colour of the i-th curve; the cycle repeats after ten. */
    public static Color color(int i) {
        return TAB10[Math.floorMod(i, TAB10.length)];
    }

    /** The same colour, with alpha for a band. */
    public static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}

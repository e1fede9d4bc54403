package io.blindspot.scoring.plot;

import org.junit.jupiter.api.Test;

import java.awt.Color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CoolwarmTest {
    @Test
    void endsAreMatplotlibsExactEndColours() {
        // matplotlib: coolwarm(0.0) = (0.2298057, 0.298717966, 0.753683153), coolwarm(1.0) = (0.705673158, ...)
        assertThat(Coolwarm.rgb(0.0)).containsExactly(0.2298057, 0.298717966, 0.753683153);
        assertThat(Coolwarm.rgb(1.0)).containsExactly(0.705673158, 0.01555616, 0.150232812);
    }

    @Test
    void middleIsTheGreyControlPoint() {
        // control point 16 of 32
        assertThat(Coolwarm.rgb(0.5)).containsExactly(0.865395197, 0.86541021, 0.865395561);
    }

    @Test
    void interpolatesLinearlyBetweenControlPoints() {
        // halfway between points 0 and 1 (fraction 1/64): red (0.2298057 + 0.26623388) / 2
        assertThat(Coolwarm.rgb(1.0 / 64)[0]).isCloseTo((0.2298057 + 0.26623388) / 2, within(1e-15));
    }

    @Test
    void clampsOutOfRangeAndGreysOutMissingCells() {
        Coolwarm scale = new Coolwarm();
        assertThat(scale.getPaint(-0.5)).isEqualTo(Coolwarm.color(0.0));
        assertThat(scale.getPaint(7.0)).isEqualTo(Coolwarm.color(1.0));
        assertThat(scale.getPaint(Double.NaN)).isEqualTo(Coolwarm.MISSING);
    }

    @Test
    void lowApIsBlueHighApIsRed() {
        Color low = Coolwarm.color(0.0);
        Color high = Coolwarm.color(1.0);
        // 0.2298 * 255 = 58.6 -> 59, 0.2987 * 255 -> 76, 0.7537 * 255 -> 192
        assertThat(new int[] {low.getRed(), low.getGreen(), low.getBlue()}).containsExactly(59, 76, 192);
        // 0.7057 * 255 -> 180, 0.0156 * 255 -> 4, 0.1502 * 255 -> 38
        assertThat(new int[] {high.getRed(), high.getGreen(), high.getBlue()}).containsExactly(180, 4, 38);
    }
}

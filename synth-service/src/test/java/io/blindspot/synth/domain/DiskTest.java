package io.blindspot.synth.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskTest {

    /** Renders a mask as rows of '#' (inside) and '.' (outside) so expected disks read like pictures. */
    private static String[] picture(boolean[] mask, int rows, int cols) {
        String[] lines = new String[rows];
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append(mask[r * cols + c] ? '#' : '.');
            }
            lines[r] = line.toString();
        }
        return lines;
    }

    @Test
    void radiusOneIsTheCentrePixelAlone() {
        // R=1: the four neighbours have dr²+dc² = 1.0, which is not < 1; diagonals 2.0. Only (0,0) offset = 0.
        assertThat(picture(Disk.mask(3, 3, 1, 1, 1), 3, 3)).containsExactly(
                "...",
                ".#.",
                "...");
    }

    @Test
    void radiusTwoIsAThreeByThreeBlock() {
        // R=2, offsets (a,b): (±1,±1) -> 0.25+0.25 = 0.5 < 1 inside; (±2,0) -> 1.0 not inside; (±2,±1) -> 1.25.
        assertThat(picture(Disk.mask(5, 5, 2, 2, 2), 5, 5)).containsExactly(
                ".....",
                ".###.",
                ".###.",
                ".###.",
                ".....");
    }

    @Test
    void radiusThreeIncludesTheDiagonalsAtTwoTwo() {
        // R=3: (±2,±2) -> 4/9+4/9 = 8/9 < 1 inside; (±3,0) -> 1.0 out; (±1,±3) -> 10/9 out. A 5x5 block.
        assertThat(picture(Disk.mask(7, 7, 3, 3, 3), 7, 7)).containsExactly(
                ".......",
                ".#####.",
                ".#####.",
                ".#####.",
                ".#####.",
                ".#####.",
                ".......");
    }

    @Test
    void pixelsOutsideTheImageAreClampedOntoTheBorder() {
        // Centre (0,0), R=2 on 5x5: the 3x3 block covers rows -1..1 and cols -1..1. Row -1 clamps to 0 and col -1
        // to 0, so the block folds onto (0,0),(0,1),(1,0),(1,1) instead of losing its outer part.
        assertThat(picture(Disk.mask(5, 5, 0, 0, 2), 5, 5)).containsExactly(
                "##...",
                "##...",
                ".....",
                ".....",
                ".....");
    }

    @Test
    void clampingAtTheBottomRightCorner() {
        // Centre (5,4), R=3 on 6x5: the 5x5 block spans rows 3..7 and cols 2..6; rows 6,7 clamp to 5, cols 5,6
        // clamp to 4 (checked against skimage.draw.disk((5,4), 3) followed by clip).
        assertThat(picture(Disk.mask(6, 5, 5, 4, 3), 6, 5)).containsExactly(
                ".....",
                ".....",
                ".....",
                "..###",
                "..###",
                "..###");
    }

    @Test
    void doubleDivisionPutsBoundaryPointsOfRadius41Inside() {
        // Offset (40,9) with R=41: 40²+9² = 1681 = 41², so the integer test r²+c² < R² says OUTSIDE.
        // The golden formula divides first: (40/41.0)² + (9/41.0)² = 0.9999999999999999 in double (the rounding
        // of the two quotients lands below 1), so the disk says INSIDE. Same for the 8 symmetric offsets
        // (±40,±9), (±9,±40): the integer test counts 5249 pixels, the double test (and skimage) 5257.
        double dr = 40 / 41.0;
        double dc = 9 / 41.0;
        assertThat(dr * dr + dc * dc).isEqualTo(0.9999999999999999).isLessThan(1.0);

        boolean[] mask = Disk.mask(101, 101, 50, 50, 41);
        assertThat(mask[(50 + 40) * 101 + (50 + 9)]).isTrue();
        assertThat(mask[(50 - 9) * 101 + (50 - 40)]).isTrue();
        assertThat(mask[(50 + 41) * 101 + 50]).isFalse();
        int count = 0;
        for (boolean inside : mask) {
            count += inside ? 1 : 0;
        }
        assertThat(count).isEqualTo(5257);
    }

    @Test
    void radiusTwentyHas1245Pixels() {
        // The paper's radius: both tests agree at R=20 (no boundary case), 1245 pixels when nothing is clamped.
        boolean[] mask = Disk.mask(60, 60, 30, 30, 20);
        int count = 0;
        for (boolean inside : mask) {
            count += inside ? 1 : 0;
        }
        assertThat(count).isEqualTo(1245);
    }

    @Test
    void radiusBelowOneIsRejected() {
        assertThatThrownBy(() -> Disk.mask(5, 5, 2, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("radius must be at least 1");
    }
}

package io.blindspot.scoring.plot;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks every figure test makes: a decodable PNG of the size asked, an SVG document with its text. */
final class FigureTestSupport {
    private FigureTestSupport() {
    }

    static BufferedImage assertPng(byte[] png, int width, int height) throws IOException {
        assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        return image;
    }

    static void assertSvg(String svg, int width, int height) {
        // jfreesvg writes attributes in single quotes and sizes as doubles
        assertThat(svg).contains("<svg xmlns='http://www.w3.org/2000/svg'")
                .contains("width='" + width + ".0'").contains("height='" + height + ".0'").endsWith("</svg>\n");
    }
}

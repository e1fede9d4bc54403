package io.blindspot.scoring.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One served figure: one or more JFreeChart charts laid out on a canvas (the heatmap with the histogram beside
 * it), written as PNG or SVG. Both formats come from the same drawing calls, so they show the same thing.
 *
 * @param width  canvas width in pixels
 * @param height canvas height in pixels
 * @param panels the charts and where each is drawn
 */
public record Figure(int width, int height, List<Panel> panels) {
    public static final String PNG = "image/png";
    public static final String SVG = "image/svg+xml";

    static {
        // Rendered on a server: never try to reach a display, whatever DISPLAY says.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // JFreeChart draws rotated labels (the y axis's) through a TextLayout by default, a workaround for an
        // old JDK bug; in SVG that turns the text into outlines. Current JDKs rotate drawString correctly, and
        // text kept as text stays searchable and sharp.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /** A chart in the rectangle (x, y, width, height) of the canvas. */
    public record Panel(JFreeChart chart, int x, int y, int width, int height) {
    }

    /** A figure of one chart. */
    public static Figure of(JFreeChart chart, int width, int height) {
        return new Figure(width, height, List.of(new Panel(chart, 0, 0, width, height)));
    }

    /** Two charts side by side, of equal height. */
    public static Figure sideBySide(JFreeChart left, int leftWidth, JFreeChart right, int rightWidth, int height) {
        return new Figure(leftWidth + rightWidth, height,
                List.of(new Panel(left, 0, 0, leftWidth, height), new Panel(right, leftWidth, 0, rightWidth, height)));
    }

    /** The figure as a PNG (8-bit RGB on white). */
    public byte[] png() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            draw(g2);
        } finally {
            g2.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG", e);
        }
        return out.toByteArray();
    }

    /** The figure as a standalone SVG document (text stays text, so labels can be searched and selected). */
    public String svg() {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        draw(g2);
        return g2.getSVGDocument();
    }

    /** {@link #svg()} in UTF-8. */
    public byte[] svgBytes() {
        return svg().getBytes(StandardCharsets.UTF_8);
    }

    /** PNG or SVG by file extension ("png" or "svg"). */
    public byte[] encode(String extension) {
        return switch (extension) {
            case "png" -> png();
            case "svg" -> svgBytes();
            default -> throw new IllegalArgumentException("unknown image format '" + extension + "' (png or svg)");
        };
    }

    /** The media type of an extension accepted by {@link #encode(String)}. */
    public static String mediaType(String extension) {
        return "svg".equals(extension) ? SVG : PNG;
    }

    private void draw(Graphics2D g2) {
        g2.setPaint(Color.WHITE);
        g2.fillRect(0, 0, width, height);
        for (Panel p : panels) {
            p.chart().draw(g2, new Rectangle2D.Double(p.x(), p.y(), p.width(), p.height()));
        }
    }
}

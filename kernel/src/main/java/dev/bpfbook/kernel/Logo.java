package dev.bpfbook.kernel;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The kernel's logo, drawn at install time: "bt" on a honey-coloured rounded square. */
final class Logo {
    private static final Color HONEY = new Color(0xF2, 0xA9, 0x00);
    private static final Color INK = new Color(0x1E, 0x1E, 0x28);

    private Logo() {
    }

    static byte[] png(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            float inset = size / 16f;
            RoundRectangle2D square = new RoundRectangle2D.Float(inset, inset, size - 2 * inset, size - 2 * inset,
                    size / 4f, size / 4f);
            g.setColor(HONEY);
            g.fill(square);
            g.setColor(INK);
            g.setStroke(new BasicStroke(Math.max(1f, size / 32f)));
            g.draw(square);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(size * 0.5f)));
            FontMetrics metrics = g.getFontMetrics();
            String text = "bt";
            int x = (size - metrics.stringWidth(text)) / 2;
            int y = (size - metrics.getHeight()) / 2 + metrics.getAscent();
            g.drawString(text, x, y);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}

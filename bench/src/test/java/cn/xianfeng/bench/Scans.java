package cn.xianfeng.bench;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** A scanned A4 page as PNG (150 dpi, grey lines of "text" and noise), like an attachment people upload. */
final class Scans {

    private Scans() {
    }

    static byte[] page(int seed) {
        BufferedImage img = new BufferedImage(1240, 1754, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        Random r = new Random(seed);
        g.setColor(Color.DARK_GRAY);
        for (int y = 150; y < 1600; y += 40) {
            int x = 120;
            while (x < 1100) {
                int w = 10 + r.nextInt(40);
                g.fillRect(x, y, w, 18);
                x += w + 8;
            }
        }
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

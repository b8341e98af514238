package io.flashsale.analytics.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A screenshot's pixels, with the questions the report's browser test asks of them: how many pixels
 * have a colour, and on which rows.
 */
final class Screenshot {

  /**
   * How far each of R, G and B may be from the colour looked for. Small: the core of a line or bar
   * has its exact colour; only anti-aliased edges drift, and they need not be counted.
   */
  static final int TOLERANCE = 10;

  private final int width;
  private final int height;

  /** Row by row, as {@code 0xAARRGGBB}: read once, since every check scans the whole image. */
  private final int[] pixels;

  private Screenshot(BufferedImage image) {
    this.width = image.getWidth();
    this.height = image.getHeight();
    this.pixels = image.getRGB(0, 0, width, height, null, 0, width);
  }

  static Screenshot read(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    if (image == null) {
      throw new IOException("not an image ImageIO can read: " + png);
    }
    return new Screenshot(image);
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** Pixels of {@code color} (#rrggbb) within {@link #TOLERANCE}, on rows {@code fromY..toY-1}. */
  int count(String color, int fromY, int toY) {
    int target = Palette.rgb(color);
    int n = 0;
    for (int y = Math.max(0, fromY); y < Math.min(height(), toY); y++) {
      for (int x = 0; x < width(); x++) {
        if (near(pixel(x, y), target)) {
          n++;
        }
      }
    }
    return n;
  }

  int count(String color) {
    return count(color, 0, height());
  }

  /** The first row with a pixel of {@code color}, or -1. */
  int firstRow(String color) {
    int target = Palette.rgb(color);
    for (int y = 0; y < height(); y++) {
      for (int x = 0; x < width(); x++) {
        if (near(pixel(x, y), target)) {
          return y;
        }
      }
    }
    return -1;
  }

  /** The last row with a pixel of {@code color}, or -1. */
  int lastRow(String color) {
    int target = Palette.rgb(color);
    for (int y = height() - 1; y >= 0; y--) {
      for (int x = 0; x < width(); x++) {
        if (near(pixel(x, y), target)) {
          return y;
        }
      }
    }
    return -1;
  }

  /** Pixels on rows {@code fromY..toY-1} that are not (nearly) white. */
  int nonWhite(int fromY, int toY) {
    int n = 0;
    for (int y = Math.max(0, fromY); y < Math.min(height(), toY); y++) {
      for (int x = 0; x < width(); x++) {
        if (!near(pixel(x, y), 0xFFFFFF)) {
          n++;
        }
      }
    }
    return n;
  }

  /** Dark pixels (text) on rows {@code fromY..toY-1}: every channel below 100. */
  int dark(int fromY, int toY) {
    int n = 0;
    for (int y = Math.max(0, fromY); y < Math.min(height(), toY); y++) {
      for (int x = 0; x < width(); x++) {
        int rgb = pixel(x, y);
        if (((rgb >> 16) & 0xFF) < 100 && ((rgb >> 8) & 0xFF) < 100 && (rgb & 0xFF) < 100) {
          n++;
        }
      }
    }
    return n;
  }

  private int pixel(int x, int y) {
    return pixels[y * width + x];
  }

  private static boolean near(int argb, int rgb) {
    return Math.abs(((argb >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) <= TOLERANCE
        && Math.abs(((argb >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) <= TOLERANCE
        && Math.abs((argb & 0xFF) - (rgb & 0xFF)) <= TOLERANCE;
  }
}

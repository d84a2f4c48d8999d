package hallq.bridge.escpos;

import java.util.BitSet;

/**
 * A monochrome image for {@code GS v 0}, row-major, {@code true} (a set bit) meaning a black dot.
 *
 * <p>The pixels live in a {@link BitSet} so that two bitmaps with the same dots are equal.
 */
public record Bitmap(int width, int height, BitSet pixels) {

  public Bitmap {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "bitmap must be at least 1x1, got " + width + "x" + height);
    }
    if ((long) width * height > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("bitmap too large: " + width + "x" + height);
    }
    if (pixels.length() > width * height) {
      throw new IllegalArgumentException("pixels outside a " + width + "x" + height + " bitmap");
    }
    pixels = (BitSet) pixels.clone();
  }

  /** Builds a bitmap from rows of equal length; {@code rows[y][x]} is the dot at (x, y). */
  public static Bitmap of(boolean[][] rows) {
    if (rows.length == 0 || rows[0].length == 0) {
      throw new IllegalArgumentException("bitmap rows must not be empty");
    }
    int width = rows[0].length;
    BitSet pixels = new BitSet(width * rows.length);
    for (int y = 0; y < rows.length; y++) {
      if (rows[y].length != width) {
        throw new IllegalArgumentException(
            "row " + y + " has " + rows[y].length + " dots, expected " + width);
      }
      for (int x = 0; x < width; x++) {
        pixels.set(y * width + x, rows[y][x]);
      }
    }
    return new Bitmap(width, rows.length, pixels);
  }

  public boolean isBlack(int x, int y) {
    if (x < 0 || x >= width || y < 0 || y >= height) {
      throw new IndexOutOfBoundsException("(" + x + ", " + y + ") outside " + width + "x" + height);
    }
    return pixels.get(y * width + x);
  }

  @Override
  public BitSet pixels() {
    return (BitSet) pixels.clone();
  }
}

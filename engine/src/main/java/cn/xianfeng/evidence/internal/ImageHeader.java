package cn.xianfeng.evidence.internal;

import cn.xianfeng.evidence.Limits;

import java.util.Optional;

/**
 * The dimensions and kind of a PNG or JPEG, read from its header without decoding a pixel: PNG's IHDR chunk,
 * JPEG's start-of-frame segment. A header that claims more than {@link Limits} is refused before anything is
 * allocated for it.
 */
public record ImageHeader(Format format, int width, int height, int bitDepth, int colorType, int components,
                          boolean interlaced) {

    public enum Format { PNG, JPEG }

    public long pixels() {
        return (long) width * height;
    }

    /** Within {@link Limits#IMAGE_PIXELS} and {@link Limits#IMAGE_SIDE}. */
    public boolean withinLimits() {
        return width > 0 && height > 0 && width <= Limits.IMAGE_SIDE && height <= Limits.IMAGE_SIDE
                && pixels() <= Limits.IMAGE_PIXELS;
    }

    public static Optional<ImageHeader> read(byte[] b) {
        if (b == null) {
            return Optional.empty();
        }
        if (b.length >= 33 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R') {
            int colorType = b[25] & 0xFF;
            int components = switch (colorType) {
                case 0, 3 -> 1;
                case 2 -> 3;
                case 4 -> 2;
                case 6 -> 4;
                default -> 0;
            };
            return Optional.of(new ImageHeader(Format.PNG, int32(b, 16), int32(b, 20), b[24] & 0xFF, colorType,
                    components, b[28] != 0));
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return jpeg(b);
        }
        return Optional.empty();
    }

    private static Optional<ImageHeader> jpeg(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                i += 2;
                continue;
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame && i + 10 <= b.length) {
                int height = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                int width = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                return Optional.of(new ImageHeader(Format.JPEG, width, height, b[i + 4] & 0xFF, marker,
                        b[i + 9] & 0xFF, marker == 0xC2));
            }
            if (marker == 0xDA || marker == 0xD9 || length < 2) {
                return Optional.empty();
            }
            i += 2 + length;
        }
        return Optional.empty();
    }

    private static int int32(byte[] b, int at) {
        long v = ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }
}

package io.hyperv4j.vhd;

/**
 * A range of virtual disk bytes. Immutable.
 *
 * @param offset the first byte
 * @param length how many bytes
 */
public record ByteRange(long offset, long length) {
    /**
     * Checks the range.
     *
     * @param offset the first byte
     * @param length how many bytes
     * @throws IllegalArgumentException if either is negative
     */
    public ByteRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + offset + "+" + length);
        }
    }

    /**
     * The byte after the range.
     *
     * @return offset plus length
     */
    public long end() {
        return offset + length;
    }
}

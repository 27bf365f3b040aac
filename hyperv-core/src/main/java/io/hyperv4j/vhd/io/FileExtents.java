package io.hyperv4j.vhd.io;

/**
 * A disk that keeps the bytes of its stored blocks as they are in one {@link Storage}, so a copy can
 * move runs of them file to file ({@link Storage#copyTo}) instead of reading them into a buffer and
 * writing them out again.
 */
public interface FileExtents {
    /**
     * The storage holding the disk's bytes.
     *
     * @return the storage
     */
    Storage storage();

    /**
     * Where this disk itself stores virtual byte {@code offset}, as-is.
     *
     * @param offset   the virtual byte offset, inside the disk
     * @param forWrite allocate the byte's block first if it has none (as a write there would), and
     *                 mark the file modified
     * @return its offset in {@link #storage()}, the rest of its extent following contiguously; or -1
     *     when this disk does not hold it as-is (a zero or absent block, or a differencing layer, whose
     *     bytes depend on its parent and sector bitmaps)
     */
    long fileOffset(long offset, boolean forWrite);

    /**
     * The end of the extent holding virtual byte {@code offset}: the end of its block, or of the disk.
     *
     * @param offset the virtual byte offset
     * @return the exclusive virtual end offset
     */
    long extentEnd(long offset);

    /**
     * Counts bytes copied straight into {@link #storage()} at places {@link #fileOffset} gave for writing
     * (the disk flushes them in the background as it does its own writes).
     *
     * @param bytes how many bytes
     */
    void copiedIn(long bytes);
}

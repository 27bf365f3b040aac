package io.hyperv4j.vhd;

import io.hyperv4j.vhd.ValidationReport.Problem;
import io.hyperv4j.vhd.ValidationReport.Severity;
import io.hyperv4j.vhd.block.BlockDisk;
import io.hyperv4j.vhd.io.FileStorage;
import io.hyperv4j.vhd.io.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Checks a disk file's structures, block placement and parent chain without changing it. */
final class Validator {
    private static final int MAX_PROBLEMS = 100;

    private Validator() {
    }

    static ValidationReport validate(Path path, OpenOptions options) {
        List<Problem> problems = new ArrayList<>();
        redundantCopies(path, problems);
        try (VirtualDisk d = VirtualDisks.open(path, options.withMode(OpenMode.READ_ONLY))) {
            if (d instanceof BlockDisk b) {
                blocks(b, problems);
            }
        } catch (VhdFormatException e) {
            problems.add(new Problem(Severity.ERROR, e.structure(), e.fileOffset(), e.getMessage()));
        } catch (VhdException e) {
            problems.add(new Problem(Severity.ERROR, "file", -1, e.getMessage()));
        }
        return new ValidationReport(path, problems);
    }

    /**
     * Refuses a disk about to be written whose blocks are misplaced: a write would otherwise keep
     * the fault (or build on it) and report success.
     */
    static void requireSoundBlocks(BlockDisk d) {
        List<Problem> problems = new ArrayList<>();
        blocks(d, problems);
        if (!problems.isEmpty()) {
            throw new VhdException(problems.get(0).message() + " (refused for writing; nothing was changed)");
        }
    }

    /** Every stored block must lie inside the file, clear of the structures and of each other. */
    private static void blocks(BlockDisk d, List<Problem> problems) {
        try {
            d.checkSectorBitmaps();
        } catch (VhdFormatException e) {
            problems.add(new Problem(Severity.ERROR, e.structure(), e.fileOffset(), e.getMessage()));
        } catch (IOException e) {
            problems.add(new Problem(Severity.ERROR, "BAT", -1, d.path() + ": I/O error reading the block table: " + e.getMessage()));
        }
        long count = d.blockCount();
        long[] offsets = new long[(int) Math.min(count, 1 << 20)];
        int n = 0;
        for (long b = 0; b < count && problems.size() < MAX_PROBLEMS; b++) {
            try {
                long at = d.storedAt(b);
                if (at >= 0 && d.type() != VhdType.FIXED) {
                    if (n == offsets.length) {
                        offsets = Arrays.copyOf(offsets, offsets.length * 2);
                    }
                    offsets[n++] = at;
                }
            } catch (VhdFormatException e) {
                problems.add(new Problem(Severity.ERROR, e.structure(), e.fileOffset(), e.getMessage()));
            }
        }
        long[] sorted = Arrays.copyOf(offsets, n);
        Arrays.sort(sorted);
        for (int i = 1; i < n && problems.size() < MAX_PROBLEMS; i++) {
            if (sorted[i] < sorted[i - 1] + d.blockSize()) {
                problems.add(new Problem(Severity.ERROR, "BAT", -1, d.path() + ": two blocks overlap at file offset 0x"
                        + Long.toHexString(sorted[i])));
            }
        }
    }

    /** Damage to one of two redundant copies (VHDX headers and region tables, VHD footers). */
    private static void redundantCopies(Path path, List<Problem> problems) {
        VhdFormat format;
        try {
            format = VirtualDisks.detect(path);
        } catch (VhdException e) {
            return;
        }
        try (Storage s = FileStorage.open(path, true)) {
            if (format == VhdFormat.VHDX && s.size() >= 320 * 1024) {
                for (long at : new long[] {64 * 1024, 128 * 1024}) {
                    if (!signed(s, at, 4096, 0x64616568)) {
                        problems.add(new Problem(Severity.WARNING, "VHDX header", at, path
                                + ": header copy at 0x" + Long.toHexString(at) + " is damaged (the other is used)"));
                    }
                }
                for (long at : new long[] {192 * 1024, 256 * 1024}) {
                    if (!signed(s, at, 65536, 0x69676572)) {
                        problems.add(new Problem(Severity.WARNING, "region table", at, path
                                + ": region table copy at 0x" + Long.toHexString(at) + " is damaged"));
                    }
                }
            } else if (format == VhdFormat.VHD && s.size() >= 1024) {
                byte[] end = s.readBytes(s.size() - 512, 512);
                byte[] start = s.readBytes(0, 512);
                if (start[0] == 'c' && !Arrays.equals(start, end)) {
                    problems.add(new Problem(Severity.WARNING, "VHD footer", 0, path
                            + ": the footer copy at the start differs from the footer at the end"));
                }
            }
        } catch (IOException e) {
            problems.add(new Problem(Severity.ERROR, "file", -1, path + ": I/O error: " + e.getMessage()));
        }
    }

    private static boolean signed(Storage s, long at, int length, int signature) throws IOException {
        byte[] b = s.readBytes(at, length);
        ByteBuffer le = ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (le.getInt(0) != signature) {
            return false;
        }
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(b, 0, 4);
        c.update(new byte[4]);
        c.update(b, 8, length - 8);
        return le.getInt(4) == (int) c.getValue();
    }
}

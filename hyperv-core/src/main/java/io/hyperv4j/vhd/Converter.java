package io.hyperv4j.vhd;

import io.hyperv4j.vhd.block.BlockDisk;
import io.hyperv4j.vhd.io.FileLocks;
import io.hyperv4j.vhd.io.FileStorage;
import io.hyperv4j.vhd.io.Storage;
import io.hyperv4j.vhd.vhdx.VhdxDisk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** Convert and compact: stream one disk's content into a new file, skipping what needs no storage. */
final class Converter {
    private static final int CHUNK = 16 * 1024 * 1024;

    private Converter() {
    }

    static DiskInfo convert(Path source, Path destination, DiskSpec target) {
        if (target.type() == VhdType.DIFFERENCING) {
            throw new VhdException(destination + ": cannot convert into a differencing disk; convert, then create a child");
        }
        if (Files.exists(destination)) {
            throw new VhdException(destination + ": already exists");
        }
        try (VirtualDisk src = VirtualDisks.open(source, OpenMode.READ_ONLY)) {
            DiskSpec spec = target.withSize(target.size() == 0 ? src.size() : target.size());
            if (spec.size() < src.size()) {
                throw new VhdException(destination + ": target size " + spec.size() + " is smaller than the source's "
                        + src.size());
            }
            if (spec.format() == VhdFormat.VHDX && spec.logicalSectorSize() == 0 && src instanceof VhdxDisk x) {
                spec = spec.withSectorSizes(x.sectorSize(), x.metadata().physicalSectorSize());
            }
            VirtualDisks.removeStaleTemps(destination);
            Path temp = VirtualDisks.tempBeside(destination);
            try {
                VirtualDisks.createFile(temp, spec);
                try (VirtualDisk dst = VirtualDisks.open(temp, OpenMode.READ_WRITE)) {
                    copy(src, dst, spec.type() != VhdType.FIXED || spec.format() == VhdFormat.RAW);
                }
            } catch (RuntimeException e) {
                VirtualDisks.deleteQuietly(temp);
                throw e;
            }
            VirtualDisks.moveIntoPlace(temp, destination);
        }
        return VirtualDisks.inspect(destination);
    }

    /**
     * Copies all of src into dst, reading and writing overlapped, file to file in the kernel where both
     * keep the bytes as-is ({@link CopyPipeline}); with {@code skipZeros} (dst is new), ranges that read
     * as zeros are not written. Flushes dst.
     */
    static void copy(VirtualDisk src, VirtualDisk dst, boolean skipZeros) {
        CopyPipeline.copy(src, dst, List.of(new ByteRange(0, src.size())), skipZeros);
        dst.flush();
    }

    /** True when no layer of the chain stores data anywhere in the range (so it reads as zeros). */
    static boolean unstored(VirtualDisk disk, long off, long length) {
        for (VirtualDisk d = disk; d != null; d = d.parent().orElse(null)) {
            long unit = d.allocationUnit();
            for (long u = off / unit; u <= (off + length - 1) / unit; u++) {
                if (d.allocation(u) == Allocation.DATA) {
                    return false;
                }
            }
        }
        return true;
    }

    static DiskInfo compact(Path path) {
        if (VirtualDisks.inspect(path).vhdType() == VhdType.FIXED) {
            throw new VhdException(path + ": only dynamic and differencing disks can be compacted");
        }
        VirtualDisks.removeStaleTemps(path);
        Path temp = VirtualDisks.tempBeside(path);
        UUID dataWriteGuid = null;
        // Held for writing from the read to the rename: a change made meanwhile would be lost with the old file.
        try (FileLocks.Hold own = FileLocks.hold(path, true)) {
        // Inspected under the hold: a resize another process finished before it is kept, not undone.
        DiskInfo info = VirtualDisks.inspect(path);
        try (VirtualDisk src = VirtualDisks.open(path, OpenMode.READ_ONLY)) {
            if (src instanceof VhdxDisk x) {
                dataWriteGuid = x.dataWriteGuid();
            }
            BlockDisk block = (BlockDisk) src;
            DiskSpec spec = new DiskSpec(info.vhdFormat(), info.vhdType(), info.size(), info.blockSize(),
                    info.vhdFormat() == VhdFormat.VHDX ? info.logicalSectorSize() : 0,
                    info.vhdFormat() == VhdFormat.VHDX ? info.physicalSectorSize() : 0,
                    info.parentPath(), info.diskIdentifier());
            VirtualDisks.createFile(temp, spec);
            try (VirtualDisk dst = VirtualDisks.open(temp, OpenMode.READ_WRITE)) {
                if (info.vhdType() == VhdType.DYNAMIC) {
                    copy(src, dst, true);
                } else {
                    copyLayer(block, dst);
                }
            }
            if (dataWriteGuid != null) {
                try (Storage s = FileStorage.open(temp, false)) {
                    VhdxDisk.restoreDataWriteGuid(s, dataWriteGuid);
                }
            }
        } catch (IOException e) {
            VirtualDisks.deleteQuietly(temp);
            throw new VhdException(path + ": I/O error compacting: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            VirtualDisks.deleteQuietly(temp);
            throw e;
        }
        VirtualDisks.moveIntoPlace(temp, path);
        } catch (IOException e) {
            throw new VhdException(path + ": cannot open: " + e.getMessage(), e);
        }
        return VirtualDisks.inspect(path);
    }

    /** Copies only the ranges a differencing layer stores itself (its parent's data stays below). */
    static void copyLayer(BlockDisk layer, VirtualDisk dst) {
        ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(layer.blockSize(), CHUNK));
        for (long b = 0; b < layer.blockCount(); b++) {
            layer.forEachPresentRun(b, (off, len) -> {
                for (long done = 0; done < len; done += buf.capacity()) {
                    int n = (int) Math.min(buf.capacity(), len - done);
                    buf.clear().limit(n);
                    layer.read(buf, off + done);
                    buf.flip();
                    dst.write(buf, off + done);
                }
            });
        }
        dst.flush();
    }
}

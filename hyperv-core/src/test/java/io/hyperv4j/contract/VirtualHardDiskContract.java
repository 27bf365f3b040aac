package io.hyperv4j.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.MethodFailedException;
import io.hyperv4j.disk.InvalidDiskException;
import io.hyperv4j.disk.DiskImages;
import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Virtual hard disks as any implementation of {@link DiskImages} must handle them: the local
 * engine, a simulated host through Msvm_ImageManagementService, a real Hyper-V host. The disks live
 * in {@link #dir()}, which this JVM can also read (to check that a refused call changed no byte).
 * <p>Reusable from other modules through hyperv-core's test-jar.
 */
public abstract class VirtualHardDiskContract {
    protected static final long MB = 1L << 20;

    /** The implementation under test. */
    protected abstract DiskImages disks();

    /** A fresh directory both the implementation and this JVM see under the same path. */
    protected abstract Path dir();

    @Test
    void aDynamicVhdxIsCreatedAsAskedAndTakesLessRoomThanItsSize() {
        Path p = dir().resolve("dyn.vhdx");
        assertEquals(p, disks().create(p, DiskSpec.dynamic(VhdFormat.VHDX, 64 * MB)).await());
        DiskInfo d = disks().inspect(p);
        assertEquals(VhdFormat.VHDX, d.vhdFormat());
        assertEquals(VhdType.DYNAMIC, d.vhdType());
        assertEquals(64 * MB, d.size());
        assertTrue(d.fileSize() < d.size(), d.toString());
        assertNull(d.parentPath());
        assertEquals(Files.exists(p), true);
    }

    @Test
    void aFixedVhdHoldsItsWholeSize() {
        Path p = dir().resolve("fixed.vhd");
        disks().create(p, DiskSpec.fixed(VhdFormat.VHD, 8 * MB)).await();
        DiskInfo d = disks().inspect(p);
        assertEquals(VhdFormat.VHD, d.vhdFormat());
        assertEquals(VhdType.FIXED, d.vhdType());
        assertTrue(d.fileSize() >= 8 * MB, d.toString());
    }

    @Test
    void aDifferencingDiskMergesItsDataIntoItsParentAndDisappears() throws Exception {
        Path parent = dir().resolve("base.vhdx");
        Path child = dir().resolve("child.vhdx");
        disks().create(parent, DiskSpec.dynamic(VhdFormat.VHDX, 32 * MB)).await();
        disks().create(child, DiskSpec.differencing(VhdFormat.VHDX, parent)).await();
        DiskInfo c = disks().inspect(child);
        assertEquals(VhdType.DIFFERENCING, c.vhdType());
        assertEquals(32 * MB, c.size());
        assertTrue(Files.isSameFile(parent, c.parentPath()), c.toString());

        byte[] data = new byte[4096];
        Arrays.fill(data, (byte) 0x5A);
        try (VirtualDisk d = VirtualDisks.open(child, io.hyperv4j.vhd.OpenMode.READ_WRITE)) {
            d.write(3 * MB, data, 0, data.length);
        }
        assertEquals(parent, disks().merge(child, parent).await());
        assertFalse(Files.exists(child), "the merged child is deleted");
        byte[] back = new byte[4096];
        try (VirtualDisk d = VirtualDisks.open(parent, io.hyperv4j.vhd.OpenMode.READ_ONLY)) {
            d.read(3 * MB, back, 0, back.length);
        }
        assertArrayEquals(data, back);
    }

    @Test
    void aVhdxGrowsAndRefusesToShrinkBelowItsMinimumWithoutChangingTheFile() throws Exception {
        Path p = dir().resolve("grow.vhdx");
        disks().create(p, DiskSpec.dynamic(VhdFormat.VHDX, 64 * MB)).await();
        disks().resize(p, 128 * MB).await();
        DiskInfo d = disks().inspect(p);
        assertEquals(128 * MB, d.size());
        assertTrue(d.minimumSize() == null || d.minimumSize() > 512, "an empty VHDX still needs room: " + d);
        String before = digest(p);
        long size = 512;
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> disks().resize(p, size).await());
        assertEquals(32773, e.returnCode().getAsLong(), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertEquals(before, digest(p));
        assertEquals(128 * MB, disks().inspect(p).size());
    }

    @Test
    void aDynamicVhdxConvertsToAFixedVhdWithTheSameSize() {
        Path src = dir().resolve("src.vhdx");
        Path dst = dir().resolve("dst.vhd");
        disks().create(src, DiskSpec.dynamic(VhdFormat.VHDX, 16 * MB)).await();
        assertEquals(dst, disks().convert(src, dst, VhdFormat.VHD, VhdType.FIXED).await());
        DiskInfo d = disks().inspect(dst);
        assertEquals(VhdFormat.VHD, d.vhdFormat());
        assertEquals(VhdType.FIXED, d.vhdType());
        assertEquals(16 * MB, d.size());
        assertTrue(Files.exists(src), "convert leaves the source");
    }

    @Test
    void compactingADynamicDiskKeepsItsSizeAndItValidates() {
        Path p = dir().resolve("compact.vhdx");
        disks().create(p, DiskSpec.dynamic(VhdFormat.VHDX, 16 * MB)).await();
        disks().compact(p).await();
        assertEquals(16 * MB, disks().inspect(p).size());
        assertEquals(p, disks().validate(p).await());
    }

    @Test
    void aDifferencingDiskCanBeRepointedAtAnotherParentOfTheSameSize() throws Exception {
        Path a = dir().resolve("a.vhdx");
        Path b = dir().resolve("b.vhdx");
        Path child = dir().resolve("c.vhdx");
        disks().create(a, DiskSpec.dynamic(VhdFormat.VHDX, 16 * MB)).await();
        disks().convert(a, b, VhdFormat.VHDX, VhdType.DYNAMIC).await();
        disks().create(child, DiskSpec.differencing(VhdFormat.VHDX, a)).await();
        disks().setParent(child, b).await();
        assertTrue(Files.isSameFile(b, disks().inspect(child).parentPath()));
    }

    @Test
    void aDamagedDiskFailsValidation() throws Exception {
        Path p = dir().resolve("broken.vhd");
        disks().create(p, DiskSpec.dynamic(VhdFormat.VHD, 16 * MB)).await();
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) { // both footer copies: checksum no longer matches
            f.seek(64);
            f.write(0xFF ^ f.read());
            f.seek(f.length() - 512 + 64);
            f.write(0xFF ^ f.read());
        }
        InvalidDiskException e = assertThrows(InvalidDiskException.class, () -> disks().validate(p).await());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void aRawFormatIsRefusedAndNoFileAppears() {
        Path p = dir().resolve("raw.img");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> disks().create(p, DiskSpec.fixed(VhdFormat.RAW, 8 * MB)).await());
        assertEquals(32773, e.returnCode().getAsLong(), e.getMessage());
        assertFalse(Files.exists(p));
    }

    @Test
    void creatingOverAnExistingFileIsRefusedAndLeavesIt() throws Exception {
        Path p = dir().resolve("taken.vhdx");
        disks().create(p, DiskSpec.dynamic(VhdFormat.VHDX, 8 * MB)).await();
        String before = digest(p);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> disks().create(p, DiskSpec.fixed(VhdFormat.VHDX, 16 * MB)).await());
        assertEquals(32773, e.returnCode().getAsLong());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertEquals(before, digest(p));
    }

    @Test
    void aDiskInAMissingDirectoryOrAMissingDiskIsFileNotFound() {
        Path p = dir().resolve("no-such-dir").resolve("x.vhdx");
        MethodFailedException e = assertThrows(MethodFailedException.class,
                () -> disks().create(p, DiskSpec.dynamic(VhdFormat.VHDX, 8 * MB)).await());
        assertEquals(32779, e.returnCode().getAsLong(), e.getMessage());
        assertFalse(Files.exists(p.getParent()));
        MethodFailedException e2 = assertThrows(MethodFailedException.class, () -> disks().inspect(dir().resolve("nothing.vhdx")));
        assertEquals(32779, e2.returnCode().getAsLong(), e2.getMessage());
    }

    @Test
    void mergingIntoADiskThatIsNotTheParentIsRefusedAndChangesNoFile() throws Exception {
        Path parent = dir().resolve("p.vhdx");
        Path other = dir().resolve("o.vhdx");
        Path child = dir().resolve("ch.vhdx");
        disks().create(parent, DiskSpec.dynamic(VhdFormat.VHDX, 16 * MB)).await();
        disks().create(other, DiskSpec.dynamic(VhdFormat.VHDX, 16 * MB)).await();
        disks().create(child, DiskSpec.differencing(VhdFormat.VHDX, parent)).await();
        String p0 = digest(parent), o0 = digest(other), c0 = digest(child);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> disks().merge(child, other).await());
        assertEquals(32773, e.returnCode().getAsLong(), e.getMessage());
        assertEquals(p0, digest(parent));
        assertEquals(o0, digest(other));
        assertEquals(c0, digest(child));
    }

    protected static String digest(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

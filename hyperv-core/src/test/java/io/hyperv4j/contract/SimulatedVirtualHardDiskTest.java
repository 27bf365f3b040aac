package io.hyperv4j.contract;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.CimXml;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.disk.DiskImages;
import io.hyperv4j.internal.disk.DiskSettingData;
import io.hyperv4j.job.Operation;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.ImageManagement;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The virtual disk contract against a simulated host, through CIM and Msvm_ImageManagementService. */
class SimulatedVirtualHardDiskTest extends VirtualHardDiskContract {
    @TempDir
    Path dir;
    private Lab lab;
    private HyperVHost host;

    @BeforeEach
    void open() {
        lab = Lab.standalone();
        CimSession s = lab.session(Lab.DEFAULT_HOST);
        host = new HyperVHost(URI.create("sim:standalone"), s, ConnectOptions.defaults());
    }

    @AfterEach
    void close() {
        host.close();
        lab.close();
    }

    @Override
    protected DiskImages disks() {
        return host.disks();
    }

    @Override
    protected Path dir() {
        return dir;
    }

    @Test
    void eachHostHasOneImageManagementService() {
        List<CimInstance> found = host.session().query("root\\virtualization\\v2", "SELECT * FROM Msvm_ImageManagementService");
        assertEquals(1, found.size());
        assertEquals(Lab.DEFAULT_HOST, found.get(0).getString("SystemName"));
        assertEquals(found.get(0), host.session().get(found.get(0).path()));
    }

    @Test
    void aJobTakesSimulatedTimeInProportionToTheBytesWrittenAndReportsProgress() {
        Path p = dir.resolve("big.vhdx");
        Instant t0 = lab.clock().now();
        Operation<Path> op = disks().create(p, DiskSpec.fixed(VhdFormat.VHDX, 400 * MB));
        assertFalse(op.isDone(), "a fixed disk's job runs for a while");
        java.util.List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        op.onProgress(seen::add);
        op.await();
        Duration took = Duration.between(t0, lab.clock().now());
        long bytes = disks().inspect(p).fileSize();
        Duration expected = ImageManagement.BASE.plusNanos((long) (bytes * 1e9 / ImageManagement.BYTES_PER_SECOND));
        assertTrue(took.compareTo(expected) >= 0 && took.compareTo(expected.plusMillis(100)) <= 0, took + " vs " + expected);
        assertTrue(seen.contains(50) && seen.contains(100), seen.toString());
    }

    @Test
    void aPathOutsideTheAllowedRootsOrRelativeIsRefusedNamingThePath() {
        Path outside = Path.of("/proc/hv4j-nope.vhdx");
        InvalidParameterException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> disks().create(outside, DiskSpec.dynamic(VhdFormat.VHDX, 8 * MB)).await());
        assertEquals(32773, e.returnCode().getAsLong());
        assertTrue(e.getMessage().contains(outside.toString()), e.getMessage());
        assertTrue(e.hostMessage().orElseThrow().contains(outside.toString()), "the typed field says why: " + e.hostMessage());
        assertFalse(Files.exists(outside));
        MethodResult r = host.session().invoke(ImageManagement.path(Lab.DEFAULT_HOST), "GetVirtualHardDiskSettingData",
                Map.of("Path", CimValue.string("relative.vhdx")));
        assertRefused(r, 32773, "relative.vhdx");
    }

    @Test
    void settingDataAndStateTravelAsEmbeddedCimXmlWithTheDocumentedCodes() {
        Path p = dir.resolve("codes.vhd");
        disks().create(p, DiskSpec.dynamic(VhdFormat.VHD, 8 * MB)).await();
        MethodResult r = host.session().invoke(ImageManagement.path(Lab.DEFAULT_HOST), "GetVirtualHardDiskSettingData",
                Map.of("Path", CimValue.string(p.toString())));
        assertEquals(0, r.returnValue());
        CimInstance sd = CimXml.readInstance(r.get("SettingData").asString());
        assertEquals("Msvm_VirtualHardDiskSettingData", sd.className());
        assertEquals(3, sd.get("Type").asLong()); // Dynamic
        assertEquals(2, sd.get("Format").asLong()); // VHD
        assertEquals(8 * MB, sd.get("MaxInternalSize").asLong());
        MethodResult st = host.session().invoke(ImageManagement.path(Lab.DEFAULT_HOST), "GetVirtualHardDiskState",
                Map.of("Path", CimValue.string(p.toString())));
        CimInstance state = CimXml.readInstance(st.get("State").asString());
        assertEquals(Files.exists(p) ? p.toFile().length() : -1, state.get("FileSize").asLong());
        // a Type outside 2..4 is refused
        CimInstance bad = DiskSettingData.request(dir.resolve("t.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 8 * MB));
        bad = bad.toBuilder().put("Type", CimValue.uint16(7)).build();
        MethodResult refused = host.session().invoke(ImageManagement.path(Lab.DEFAULT_HOST), "CreateVirtualHardDisk",
                Map.of("VirtualDiskSettingData", CimValue.string(CimXml.writeInstance(bad))));
        assertRefused(refused, 32773, "Type");
        assertFalse(Files.exists(dir.resolve("t.vhdx")));
    }

    @Test
    void aFailedDiskJobEndsInExceptionWithErrorCodeAndTheEnginesMessage() throws Exception {
        Path p = dir.resolve("damaged.vhdx");
        disks().create(p, DiskSpec.dynamic(VhdFormat.VHDX, 8 * MB)).await();
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) { // both VHDX headers
            for (long at : new long[] {64 * 1024 + 100, 128 * 1024 + 100}) {
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(b ^ 0xFF);
            }
        }
        String before = digest(p);
        io.hyperv4j.disk.InvalidDiskException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.hyperv4j.disk.InvalidDiskException.class, () -> disks().validate(p).await());
        io.hyperv4j.JobFailedException job = (io.hyperv4j.JobFailedException) e.getCause();
        assertEquals(10, job.jobState());
        assertEquals(32768, job.errorCode());
        assertTrue(job.errorDescription().contains(p.toString()), job.errorDescription());
        assertEquals(before, digest(p), "validation changes nothing");
    }

    @Test
    void theDiskRootsPropertyReplacesTheDefaultRoots() throws Exception {
        Path allowed = Files.createDirectory(dir.resolve("allowed"));
        String old = System.getProperty("hyperv4j.sim.disk-roots");
        System.setProperty("hyperv4j.sim.disk-roots", allowed.toString());
        try {
            Path inside = allowed.resolve("in.vhdx");
            disks().create(inside, DiskSpec.dynamic(VhdFormat.VHDX, 8 * MB)).await();
            assertTrue(Files.exists(inside));
            Path escape = allowed.resolve("..").resolve("out.vhdx");
            InvalidParameterException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                    () -> disks().create(escape, DiskSpec.dynamic(VhdFormat.VHDX, 8 * MB)).await());
            assertEquals(32773, e.returnCode().getAsLong());
            assertFalse(Files.exists(dir.resolve("out.vhdx")));
        } finally {
            if (old == null) System.clearProperty("hyperv4j.sim.disk-roots");
            else System.setProperty("hyperv4j.sim.disk-roots", old);
        }
    }

    @Test
    void setParentAcceptsTheWholeSettingDataAsOsWinSendsItButOnlyOneChangePerCall() throws Exception {
        Path a = dir.resolve("pa.vhdx");
        Path b = dir.resolve("pb.vhdx");
        Path child = dir.resolve("pc.vhdx");
        disks().create(a, DiskSpec.dynamic(VhdFormat.VHDX, 16 * MB)).await();
        disks().convert(a, b, VhdFormat.VHDX, io.hyperv4j.vhd.VhdType.DYNAMIC).await();
        disks().create(child, DiskSpec.differencing(VhdFormat.VHDX, a)).await();
        var svc = ImageManagement.path(Lab.DEFAULT_HOST);
        CimInstance read = CimXml.readInstance(host.session().invoke(svc, "GetVirtualHardDiskSettingData",
                Map.of("Path", CimValue.string(child.toString()))).get("SettingData").asString());

        CimInstance two = read.toBuilder().put("ParentPath", CimValue.string(b.toString()))
                .put("VirtualDiskId", CimValue.string(java.util.UUID.randomUUID().toString())).build();
        String before = digest(child);
        assertRefused(host.session().invoke(svc, "SetVirtualHardDiskSettingData",
                Map.of("VirtualDiskSettingData", CimValue.string(CimXml.writeInstance(two)))), 32773, "only one of");
        assertEquals(before, digest(child));

        CimInstance one = read.toBuilder().put("ParentPath", CimValue.string(b.toString())).build();
        MethodResult r = host.session().invoke(svc, "SetVirtualHardDiskSettingData",
                Map.of("VirtualDiskSettingData", CimValue.string(CimXml.writeInstance(one))));
        assertEquals(4096, r.returnValue());
        assertTrue(Files.isSameFile(b, disks().inspect(child).parentPath()));
    }

    /**
     * A refusal whose reason the host knows, as Hyper-V reports it: 4096 and a job that already
     * failed (JobState 10) with the code, the reason in ErrorDescription and in GetErrorEx's Msvm_Error.
     */
    private void assertRefused(MethodResult r, long code, String mention) {
        assertEquals(4096, r.returnValue());
        CimInstance job = host.session().get(r.job().namespace() == null
                ? io.hyperv4j.cim.ObjectPath.of("root\\virtualization\\v2", r.job().className(), r.job().keys()) : r.job());
        assertEquals(10, job.getLong("JobState"));
        assertEquals(code, job.getLong("ErrorCode"));
        assertTrue(job.getString("ErrorDescription").contains(mention), job.getString("ErrorDescription"));
        MethodResult errors = host.session().invoke(job.path(), "GetErrorEx", Map.of());
        CimInstance error = (CimInstance) errors.get("Errors").asList().get(0);
        assertEquals(job.getString("ErrorDescription"), error.getString("Message"));
    }
}

package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.job.Operation;
import io.hyperv4j.scvmm.sim.HostEvent;
import io.hyperv4j.scvmm.sim.MpioDriver;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.scvmm.sim.SanTemplates;
import io.hyperv4j.scvmm.sim.VmmLab;
import io.hyperv4j.scvmm.sim.VmmTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 000's section 7.7 scenarios 3, 5, 6 and 7 (SAN and network transfer) on the virtual clock. */
class Seed000TransferTest {
    static final Duration LOCK = Duration.ofMinutes(1);

    static SimVm vm(Lab lab) {
        return lab.read(LOCK, () -> lab.hosts().stream().flatMap(h -> h.vms().stream()).filter(v -> v.name().equals(VmmTemplates.VM)).findFirst().orElseThrow());
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    @Test
    void scenario3_sanTransferTakes105_3sWith26sOfPingLossAndLeavesLu1MappedToHost2Only() {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            MoveAdvice advice = vmm.advise(VmmTemplates.VM, "host2");
            assertEquals(MethodRefusal.NOT_CLUSTERED, advice.method(MigrationMethod.CLUSTER_LIVE).refusal().orElseThrow());
            assertEquals(MethodRefusal.PROFILE_TOO_OLD, advice.method(MigrationMethod.SHARED_NOTHING_LIVE).refusal().orElseThrow());
            assertTrue(advice.method(MigrationMethod.SAN).possible() && advice.method(MigrationMethod.NETWORK).possible(), advice.toString());
            assertEquals(MigrationMethod.SAN, advice.recommended().orElseThrow().method());

            Pinger ping = Pinger.start(lab, vm(lab).id());
            Operation<MoveResult> op = vmm.move(VmmTemplates.VM, "host2");
            MoveResult r = op.await();
            Duration lost = ping.stop();

            assertEquals(MigrationMethod.SAN, r.method());
            assertTrue(r.reason().startsWith("least downtime"), r.reason());
            assertEquals(105.3, seconds(r.total()), 105.3 * 0.02);
            assertEquals(26.0, seconds(r.outage()), 26.0 * 0.02);
            assertEquals(26.0, seconds(lost), 0.2, "what the pinger lost");
            assertEquals(List.of("host1", "host2"), ping.hosts());
            SimVm vm = vm(lab);
            assertEquals("host2", vm.host().name());
            assertEquals(PowerState.RUNNING, vm.state());
            SanLab san = SanLab.of(lab);
            assertEquals(List.of("host2"), san.read(m -> m.hostsRunningFrom(m.array(SanTemplates.ARRAY), 1)));
            assertTrue((boolean) san.read(m -> m.host("host1").disks().isEmpty()), "host1 lost LU1");
            assertEquals(List.of("Disk", "mpio", "mpio", "mpio", "VDS Basic Provider"), san.events("host1").stream().map(HostEvent::source).toList());
            assertEquals(100, op.progress());
        }
    }

    @Test
    void scenario4_sanTransferWithHdlmLogsItsEventsOnTheSourceWithAndWithoutDynamicRemoval() {
        for (MpioDriver driver : List.of(MpioDriver.HDLM, MpioDriver.HDLM_DYNAMIC_REMOVAL))
            try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
                SanLab.of(lab).mpio("host1", driver);
                host1.capability(VirtualMachineManager.class).move(VmmTemplates.VM, "host2", MigrationMethod.SAN).await();
                List<String> events = SanLab.of(lab).events("host1").stream().map(e -> e.source() + "/" + e.eventId()).toList();
                assertTrue(events.containsAll(List.of("DLMManager/32794", "DLMManager/32790", "DLMManager/32787")), driver + ": " + events);
                assertTrue(events.contains(driver == MpioDriver.HDLM ? "Disk/15" : "HDLMdsm/20781"), driver + ": " + events);
                assertTrue(SanLab.of(lab).events("host2").isEmpty());
                assertEquals("host2", vm(lab).host().name());
            }
    }

    @Test
    void scenario7_networkTransferTakes945_7sWith45_7sOfPingLossAndTheDestinationsDisksOpenEqual() throws Exception {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            VmmLab vmmLab = VmmLab.of(lab);
            String id = vm(lab).id();
            List<Path> before = vmmLab.vmFiles(id);
            List<byte[]> bytes = new ArrayList<>();
            for (Path p : before) bytes.add(Files.readAllBytes(p));
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);

            Pinger ping = Pinger.start(lab, id);
            MoveResult r = vmm.move(VmmTemplates.VM, "host2", MigrationMethod.NETWORK).await();
            Duration lost = ping.stop();

            assertEquals(945.7, seconds(r.total()), 945.7 * 0.02);
            assertEquals(45.7, seconds(r.outage()), 45.7 * 0.02);
            assertEquals(45.7, seconds(lost), 0.2);
            assertEquals("host2", vm(lab).host().name());
            List<Path> after = vmmLab.vmFiles(id);
            assertNotEquals(before, after);
            for (int i = 0; i < after.size(); i++) {
                assertArrayEquals(bytes.get(i), Files.readAllBytes(after.get(i)), after.get(i) + " is byte-identical to the source's");
                assertFalse(Files.exists(before.get(i)), "the source's files are deleted");
                try (VirtualDisk d = VirtualDisks.open(after.get(i), OpenMode.READ_ONLY)) {
                    assertEquals(64L << 20, d.size());
                }
            }
            assertTrue(SanLab.of(lab).read(m -> m.hostsRunningFrom(m.array(SanTemplates.ARRAY), 1)).isEmpty(), "the VM left LU1");
        }
    }

    /** A transfer cancelled after its import (the copies in place, the VM not yet restored there) leaves the VM and its files on the source. */
    @Test
    void aNetworkTransferCancelledAfterItsImportLeavesTheVmWithItsSourceFiles() throws Exception {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            VmmLab vmmLab = VmmLab.of(lab);
            String id = vm(lab).id();
            List<Path> source = vmmLab.vmFiles(id);
            List<byte[]> bytes = new ArrayList<>();
            for (Path p : source) bytes.add(Files.readAllBytes(p));
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            Operation<MoveResult> op = vmm.move(VmmTemplates.VM, "host2", MigrationMethod.NETWORK);
            assertThrows(io.hyperv4j.HyperVTimeoutException.class, () -> op.await(Duration.ofMillis(936_500)), "inside ImportVm");
            assertTrue(op.cancel());
            assertEquals("host1", vm(lab).host().name());
            assertEquals(source, vmmLab.vmFiles(id), "the VM's files are the source's again");

            vmm.move(VmmTemplates.VM, "host2", MigrationMethod.NETWORK).await();
            List<Path> after = vmmLab.vmFiles(id);
            assertNotEquals(source, after);
            for (int i = 0; i < after.size(); i++) assertArrayEquals(bytes.get(i), Files.readAllBytes(after.get(i)), after.get(i).toString());
        }
    }

    @Test
    void anInterruptedNetworkTransferResumesWhereItStoppedAndEndsByteIdentical() throws Exception {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            VmmLab vmmLab = VmmLab.of(lab);
            String id = vm(lab).id();
            List<byte[]> bytes = new ArrayList<>();
            for (Path p : vmmLab.vmFiles(id)) bytes.add(Files.readAllBytes(p));
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            MoveAdvice fresh = vmm.advise(VmmTemplates.VM, "host2");

            Operation<MoveResult> first = vmm.move(VmmTemplates.VM, "host2", MigrationMethod.NETWORK);
            assertThrows(io.hyperv4j.HyperVTimeoutException.class, () -> first.await(Duration.ofSeconds(400)));
            assertTrue(first.cancel());
            assertEquals("host1", vm(lab).host().name());
            assertEquals(PowerState.RUNNING, vm(lab).state());

            MoveAdvice resumed = vmm.advise(VmmTemplates.VM, "host2");
            Duration saved = fresh.method(MigrationMethod.NETWORK).expectedTotal().minus(resumed.method(MigrationMethod.NETWORK).expectedTotal());
            assertTrue(seconds(saved) > 300, "about 385 s of copying is already done: " + saved);
            assertEquals(fresh.method(MigrationMethod.NETWORK).expectedDowntime(), resumed.method(MigrationMethod.NETWORK).expectedDowntime());

            MoveResult r = vmm.move(VmmTemplates.VM, "host2", MigrationMethod.NETWORK).await();
            assertEquals(seconds(resumed.method(MigrationMethod.NETWORK).expectedTotal()), seconds(r.total()), 0.01);
            List<Path> after = vmmLab.vmFiles(id);
            for (int i = 0; i < after.size(); i++) assertTrue(Arrays.equals(bytes.get(i), Files.readAllBytes(after.get(i))), after.get(i).toString());
        }
    }
}

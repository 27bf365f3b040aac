package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.scvmm.sim.SanTemplates;
import io.hyperv4j.scvmm.sim.VmmLab;
import io.hyperv4j.scvmm.sim.VmmTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Seed 000's scenarios 5 and 6: every refused SAN transfer names its reason and changes nothing. */
class TransferRefusalTest {

    /** The lab's whole state a refusal must leave alone: SAN, management server, VMs and their hosts, jobs, clock. */
    static String state(Lab lab) {
        String vms = lab.read(Duration.ofMinutes(1), () -> lab.hosts().stream().flatMap(h -> h.vms().stream())
                .map(v -> v.name() + "@" + v.host().name() + ":" + v.state() + ":" + v.busyJobId()).toList().toString()
                + lab.hosts().stream().map(h -> h.jobs().size()).toList());
        return SanLab.of(lab).snapshot() + VmmLab.of(lab).snapshot() + vms + lab.clock().now();
    }

    static void refusedSan(Consumer<Lab> setUp, MethodRefusal reason, String named) {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            setUp.accept(lab);
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            String before = state(lab);
            MoveRefusedException e = assertThrows(MoveRefusedException.class, () -> vmm.move(VmmTemplates.VM, "host2", MigrationMethod.SAN));
            assertEquals(reason, e.reason());
            assertTrue(e.getMessage().contains(reason.text()) && e.getMessage().contains(named), e.getMessage());
            assertEquals(before, state(lab), "the refusal changed nothing");
            assertEquals(reason, vmm.advise(VmmTemplates.VM, "host2").method(MigrationMethod.SAN).refusal().orElseThrow());
            MoveResult auto = vmm.move(VmmTemplates.VM, "host2").await();
            assertEquals(MigrationMethod.NETWORK, auto.method(), "with SAN impossible the server falls back to the network");
        }
    }

    @Test
    void scenario5_aSecondVmOnLu1() {
        refusedSan(lab -> {
            SimVm second = lab.write(Duration.ofMinutes(1), txn -> {
                SimVm v = lab.createVm(txn, lab.host("host1"), "Web Server");
                v.state(PowerState.RUNNING, txn.now());
                return v;
            });
            SanLab.of(lab).runVmFrom("host1", SanTemplates.ARRAY, 1, second.id());
        }, MethodRefusal.NOT_ALONE_ON_LU, "Web Server");
    }

    @Test
    void scenario6_noHardwareProvider() {
        refusedSan(lab -> VmmLab.of(lab).hardwareProvider(false), MethodRefusal.NO_HARDWARE_PROVIDER, SanTemplates.ARRAY);
    }

    @Test
    void scenario6_anArrayTheProviderDoesNotSupport() {
        refusedSan(lab -> SanLab.of(lab).configure(SanTemplates.ARRAY).vdsHardwareProvider(false), MethodRefusal.NO_HARDWARE_PROVIDER, SanTemplates.ARRAY);
    }

    @Test
    void theDestinationNotZonedToTheArray() {
        refusedSan(lab -> {
            SanLab.of(lab).link("host2", SanTemplates.HOST2_HBA0, SanTemplates.ARRAY, "0A", false);
            SanLab.of(lab).link("host2", SanTemplates.HOST2_HBA1, SanTemplates.ARRAY, "1A", false);
        }, MethodRefusal.DESTINATION_NOT_ZONED, "host2");
    }

    @Test
    void noLuMappingBinding() {
        refusedSan(lab -> VmmLab.of(lab).luMapping(false), MethodRefusal.NO_LU_MAPPING_BINDING, "VDS hardware provider");
    }

    @Test
    void clusterMethodsAreRefusedBetweenStandaloneHostsAndEveryMethodToTheSameHost() {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            String before = state(lab);
            for (MigrationMethod m : List.of(MigrationMethod.CLUSTER_LIVE, MigrationMethod.QUICK))
                assertEquals(MethodRefusal.NOT_CLUSTERED, assertThrows(MoveRefusedException.class, () -> vmm.move(VmmTemplates.VM, "host2", m)).reason());
            MoveAdvice same = vmm.advise(VmmTemplates.VM, "host1");
            assertTrue(same.methods().stream().allMatch(a -> a.refusal().orElseThrow() == MethodRefusal.SAME_HOST), same.toString());
            MoveRefusedException e = assertThrows(MoveRefusedException.class, () -> vmm.move(VmmTemplates.VM, "host1"));
            assertEquals(MethodRefusal.SAME_HOST, e.reason());
            assertEquals(before, state(lab));
        }
    }

    @Test
    void notEnoughMemoryOnTheDestinationRefusesEveryMethodAndRatesTheHostZero() {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            lab.write(Duration.ofMinutes(1), txn -> {
                SimVm big = lab.createVm(txn, lab.host("host2"), "Big");
                big.memoryMb(4096);
                big.state(PowerState.RUNNING, txn.now());
                return big;
            });
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            MoveAdvice a = vmm.advise(VmmTemplates.VM, "host2");
            assertEquals(MethodRefusal.NOT_ENOUGH_MEMORY, a.method(MigrationMethod.SAN).refusal().orElseThrow());
            assertEquals(MethodRefusal.NOT_ENOUGH_MEMORY, a.method(MigrationMethod.NETWORK).refusal().orElseThrow());
            assertTrue(a.recommended().isEmpty());
            HostRating host2 = vmm.rate(VmmTemplates.VM).stream().filter(r -> r.host().equals("host2")).findFirst().orElseThrow();
            assertEquals(0, host2.stars());
            assertEquals(List.of(RatingReason.NOT_ENOUGH_MEMORY), host2.zeroReasons());
        }
    }

    /**
     * The advisor reads the hosts once; the management server checks again when the transfer
     * starts, counting what transfers under way have claimed: a second VM sent to host2 while the
     * 6 GB VM is on its way there is refused with the numbers, and nothing moves.
     */
    @Test
    void aTransferIsRefusedWhenOneUnderWayHasClaimedTheDestinationsMemory() {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            String other = io.hyperv4j.cluster.sim.PaperClusters.vm(lab, "host1", "Other", 1024, 1, true).id();
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            var first = vmm.move(VmmTemplates.VM, "host2", MigrationMethod.SAN);
            lab.clock().advance(Duration.ofSeconds(10));
            assertTrue(vmm.advise("Other", "host2").method(MigrationMethod.NETWORK).possible(), "the advisor does not see the claim");
            MoveRefusedException e = assertThrows(MoveRefusedException.class, () -> vmm.move("Other", "host2", MigrationMethod.NETWORK));
            assertEquals(MethodRefusal.NOT_ENOUGH_MEMORY, e.reason());
            assertTrue(e.getMessage().contains("6,144 MB reserved by moves to it"), e.getMessage());
            assertEquals("host1", lab.read(Duration.ofMinutes(1), () -> lab.vm(other).host().name()));
            first.await();
            assertEquals("host2", Seed000TransferTest.vm(lab).host().name());
        }
    }

    @Test
    void aRunningVmWithMoreVirtualProcessorsThanTheDestinationHasIsRefused() {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            io.hyperv4j.cluster.sim.PaperClusters.vm(lab, "host1", "Wide", 512, lab.host("host2").logicalProcessors() + 1, true);
            MoveRefusedException e = assertThrows(MoveRefusedException.class,
                    () -> host1.capability(VirtualMachineManager.class).move("Wide", "host2", MigrationMethod.NETWORK));
            assertEquals(MethodRefusal.NOT_ENOUGH_PROCESSORS, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("logical processors"), e.getMessage());
        }
    }
}

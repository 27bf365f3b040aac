package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.HyperVTimeoutException;
import io.hyperv4j.job.Operation;
import io.hyperv4j.scvmm.sim.VmmLab;
import io.hyperv4j.scvmm.sim.VmmTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of SAN and network transfers back and forth, network transfers interrupted at
 * random moments, and the hardware provider removed and restored: the VM is registered on exactly
 * one host throughout, every refusal changes nothing and names its reason, and a network transfer
 * finally run to the end leaves files byte-identical to the VM's originals.
 */
class TransferSequenceProperties {
    record Step(MigrationMethod method, int interruptAtSecond, boolean toggleProvider) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(MigrationMethod.SAN, MigrationMethod.NETWORK),
                Arbitraries.integers().between(0, 1200), Arbitraries.integers().between(0, 9).map(i -> i == 0)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 12)
    void aVmIsOnOneHostRefusalsChangeNothingAndResumedCopiesAreByteIdentical(@ForAll("steps") List<Step> steps) throws Exception {
        try (Lab lab = Lab.fromTemplate("seed000-vmm", 7, SimClock.virtual(Lab.DEFAULT_START)); HyperVHost host1 = lab.connect("host1")) {
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            String id = Seed000TransferTest.vm(lab).id();
            List<byte[]> original = new ArrayList<>();
            for (Path p : VmmLab.of(lab).vmFiles(id)) original.add(Files.readAllBytes(p));
            boolean provider = true;
            for (Step s : steps) {
                if (s.toggleProvider()) VmmLab.of(lab).hardwareProvider(provider = !provider);
                String from = Seed000TransferTest.vm(lab).host().name(), to = from.equals("host1") ? "host2" : "host1";
                String before = TransferRefusalTest.state(lab);
                Operation<MoveResult> op;
                try {
                    op = vmm.move(VmmTemplates.VM, to, s.method());
                } catch (MoveRefusedException e) {
                    assertTrue(e.getMessage().contains(e.reason().text()), e.getMessage());
                    assertEquals(before, TransferRefusalTest.state(lab), "refused " + e.reason() + " changed nothing");
                    continue;
                }
                if (s.method() == MigrationMethod.NETWORK && s.interruptAtSecond() < 900) {
                    try {
                        op.await(Duration.ofSeconds(s.interruptAtSecond() + 1));
                    } catch (HyperVTimeoutException stillCopying) {
                        op.cancel();
                    }
                } else {
                    op.await();
                }
                assertRegisteredOnce(lab, id);
            }
            String from = Seed000TransferTest.vm(lab).host().name();
            vmm.move(VmmTemplates.VM, from.equals("host1") ? "host2" : "host1", MigrationMethod.NETWORK).await();
            assertRegisteredOnce(lab, id);
            List<Path> now = VmmLab.of(lab).vmFiles(id);
            for (int i = 0; i < now.size(); i++) assertArrayEquals(original.get(i), Files.readAllBytes(now.get(i)), now.get(i).toString());
        }
    }

    static void assertRegisteredOnce(Lab lab, String id) {
        long on = lab.read(Duration.ofMinutes(1), () -> lab.hosts().stream().filter(h -> h.vms().stream().anyMatch(v -> v.id().equals(id))).count());
        assertEquals(1, on, "the VM is registered on exactly one host");
        SimVm vm = lab.read(Duration.ofMinutes(1), () -> lab.vm(id));
        assertNull(vm.busyJobId(), "no transfer holds the VM once it ended");
    }
}

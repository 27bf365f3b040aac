package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.scvmm.sim.HostEvent;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.scvmm.storage.HostDisk;
import io.hyperv4j.scvmm.storage.Lun;
import io.hyperv4j.scvmm.storage.SanStorage;
import io.hyperv4j.scvmm.storage.StoragePool;
import io.hyperv4j.scvmm.storage.Provisioning;
import io.hyperv4j.scvmm.storage.StorageRefusedException;
import io.hyperv4j.sim.Lab;
import java.net.URI;

/**
 * LU mapping end to end on seed 000's SAN pair (two standalone hosts on one AMS2300): the LU that
 * holds the SQL Server VM moves from host1's initiators to host2's, host2 rescans and sees the disk,
 * and host1's multipath software logs the path failure of Table 6-1. Then a thin LU larger than
 * its pool, and a refusal. With {@code URI1 URI2 LU} it maps an LU between two real hosts that
 * serve the Storage Management API.
 */
public final class LuMappingExample {
    private LuMappingExample() {}

    public static void main(String[] args) {
        if (args.length >= 3) {
            try (HyperVHost h1 = HyperV.connect(URI.create(args[0])); HyperVHost h2 = HyperV.connect(URI.create(args[1]))) {
                move(h1.capability(SanStorage.class), h2.capability(SanStorage.class), args[2]);
            }
            return;
        }
        try (Lab lab = Lab.fromTemplate("seed000-san"); HyperVHost host1 = lab.connect("host1"); HyperVHost host2 = lab.connect("host2")) {
            SanStorage s1 = host1.capability(SanStorage.class), s2 = host2.capability(SanStorage.class);
            s1.arrays().forEach(a -> System.out.println("Array " + a.friendlyName() + " (" + a.manufacturer() + " " + a.model() + ", serial " + a.serialNumber() + ")"));
            move(s1, s2, "LU1");
            for (HostEvent e : SanLab.of(lab).events("host1"))
                System.out.println("  host1 " + e.log() + " log: " + e.level() + " " + e.source() + " " + e.eventId() + ": " + e.message());

            StoragePool dp = s1.pools().stream().filter(p -> p.provisioningDefault() == Provisioning.THIN).findFirst().orElseThrow();
            Lun thin = s1.createLun(dp.friendlyName(), "scratch", 4L << 40).await();
            System.out.printf("Thin LU %s: %d GiB promised from %s's %d GiB of drives, %d GiB taken%n", thin.name(), thin.sizeBytes() >> 30,
                    dp.friendlyName(), dp.sizeBytes() >> 30, thin.allocatedBytes() >> 30);
            try {
                s1.map(thin.name(), java.util.List.of("not-an-initiator"));
            } catch (StorageRefusedException e) {
                System.out.println("Refused as expected: " + e.reason() + " (" + e.code() + ")");
            }
        }
    }

    static void move(SanStorage from, SanStorage to, String lu) {
        Lun l = from.lun(lu);
        System.out.println("Before: " + lu + " is disk " + from.diskOf(l).map(HostDisk::number).orElse(-1) + " on the source, "
                + (to.diskOf(l).isPresent() ? "visible" : "not visible") + " on the destination");
        from.unmap(lu, from.initiators());
        to.map(lu, to.initiators());
        HostDisk d = to.rescanFor(lu);
        System.out.println("After: " + lu + " is disk " + d.number() + " (" + (d.sizeBytes() / 1_000_000_000) + " GB, "
                + (d.online() ? "online" : "offline") + ") on the destination; the source sees it: " + from.diskOf(l).isPresent());
    }
}

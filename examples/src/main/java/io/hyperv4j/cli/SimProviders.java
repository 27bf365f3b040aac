package io.hyperv4j.cli;

import io.hyperv4j.backup.sim.BackupProvider;
import io.hyperv4j.cluster.sim.MsClusterProvider;
import io.hyperv4j.scvmm.sim.VmmProvider;
import io.hyperv4j.scvmm.sim.WindowsStorageProvider;
import io.hyperv4j.scvmm.sim.guest.GuestProvider;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.cimv2.HostSystemProvider;
import io.hyperv4j.sim.v2.BootSourceProvider;
import io.hyperv4j.sim.v2.DeviceProvider;
import io.hyperv4j.sim.v2.ImageManagement;
import io.hyperv4j.sim.v2.MetricsProvider;
import io.hyperv4j.sim.v2.MigrationProvider;
import io.hyperv4j.sim.v2.NetworkProvider;
import io.hyperv4j.sim.v2.NumaProvider;
import io.hyperv4j.sim.v2.PlannedSystems;
import io.hyperv4j.sim.v2.ReferencePoints;
import io.hyperv4j.sim.v2.SecurityProvider;
import io.hyperv4j.sim.v2.StorageProvider;
import io.hyperv4j.sim.v2.VirtualizationProvider;
import java.util.List;

/**
 * The simulator's providers a lab file is loaded with: a table rather than a
 * {@link java.util.ServiceLoader} look-up, which opens every jar of the class path to find the
 * service files (with SLF4J's look-up, a tenth of a short lab command). A provider missing here
 * would not serve its namespace (its part of the file is only carried through unchanged), so
 * {@code SimProvidersTest} checks the table against the look-up. To add a provider, add it here too.
 */
final class SimProviders {
    private SimProviders() {}

    /** One new instance of every provider, in the order of the modules on Maven's class path. */
    static List<SimProvider> create() {
        return List.of(new VirtualizationProvider(), new StorageProvider(), new ImageManagement(), new DeviceProvider(),
                new MigrationProvider(), new PlannedSystems(), new NetworkProvider(), new HostSystemProvider(),
                new ReferencePoints(), new MetricsProvider(), new NumaProvider(), new SecurityProvider(),
                new BootSourceProvider(), new MsClusterProvider(), new WindowsStorageProvider(), new VmmProvider(),
                new GuestProvider(), new BackupProvider());
    }
}

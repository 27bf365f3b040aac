package io.hyperv4j;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.disk.DiskImages;
import io.hyperv4j.spi.HostCapability;
import io.hyperv4j.vm.Msvm;
import io.hyperv4j.vm.VirtualMachines;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connected Hyper-V host: one way to everything it can do. Core's capabilities are methods
 * ({@link #vms()}, {@link #disks()}; checkpoints are per VM, {@code vm.checkpoints()}); the other
 * modules' come through {@link #capability(Class)} ({@code host.capability(FailoverCluster.class)})
 * from their {@link HostCapability} providers. Every default timeout comes from
 * {@link #options()}. Close it to release the connection. {@link #session()} gives raw CIM access
 * for anything the typed API does not cover.
 * <p>Thread-safety: thread-safe. The handles it gives out share its session and may be used from
 * any thread.
 */
public final class HyperVHost implements AutoCloseable {
    private final URI uri;
    private final CimSession session;
    private final ConnectOptions options;
    private final VirtualMachines vms;
    private final DiskImages disks;
    private final io.hyperv4j.vm.VmSwitches switches;
    private final Map<Class<?>, Object> capabilities = new ConcurrentHashMap<>();

    /**
     * A host over an open session; {@link HyperV#connect} and {@code Lab.connect} make these.
     *
     * @param uri     what the host was opened as, for messages
     * @param session the session every call goes through (closed with the host)
     * @param options default timeouts (and the credentials the session was opened with)
     */
    public HyperVHost(URI uri, CimSession session, ConnectOptions options) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.session = Objects.requireNonNull(session, "session");
        this.options = Objects.requireNonNull(options, "options");
        this.vms = new VirtualMachines(session, options.operationTimeout());
        this.disks = DiskImages.over(session, options.operationTimeout());
        this.switches = new io.hyperv4j.vm.VmSwitches(session, options.operationTimeout());
    }

    /**
     * What the host was opened as.
     *
     * @return the URI, e.g. {@code wmi://hv01} or {@code sim:standalone}
     */
    public URI uri() {
        return uri;
    }

    /**
     * The host's name as its CIM server reports it.
     *
     * @return the host name
     */
    public String name() {
        return session.host();
    }

    /**
     * The options it was opened with: the default timeouts of every handle it gives out.
     *
     * @return the options
     */
    public ConnectOptions options() {
        return options;
    }

    /**
     * The raw CIM session this host speaks through, for what the typed API does not cover.
     *
     * @return the session (closed with the host)
     */
    public CimSession session() {
        return session;
    }

    /**
     * The host's own record. Found through the management service's SystemName key, which names
     * the computer, so it works whatever name the connection URI used (localhost, ., an alias).
     *
     * @return a snapshot read now
     * @throws HyperVException when the host's record cannot be read
     */
    public HostInfo info() {
        ObjectPath service = vms.managementServicePath();
        Object systemName = service.key("SystemName");
        if (systemName == null) throw new HyperVException("The management service " + service + " does not name its host");
        CimInstance cs = session.get(ObjectPath.of(Msvm.NAMESPACE, Msvm.COMPUTER_SYSTEM,
                Map.of("CreationClassName", Msvm.COMPUTER_SYSTEM, "Name", systemName.toString())));
        return new HostInfo(cs.getString("Name"), cs.intOr("EnabledState", 0), cs.intOr("NumberOfNumaNodes", 0),
                vms.list().size());
    }

    /**
     * The host's virtual machines.
     *
     * @return the VM service (the same one on every call)
     */
    public VirtualMachines vms() {
        return vms;
    }

    /**
     * The host's virtual hard disks (Msvm_ImageManagementService; paths are the host's).
     *
     * @return the disk service (the same one on every call)
     */
    public DiskImages disks() {
        return disks;
    }

    /**
     * The host's virtual switches (Msvm_VirtualEthernetSwitch, like Get-VMSwitch / New-VMSwitch).
     *
     * @return the switch service (the same one on every call)
     */
    public io.hyperv4j.vm.VmSwitches switches() {
        return switches;
    }

    /**
     * The capability of type {@code type} a module on the class path gives this host, e.g.
     * {@code host.capability(FailoverCluster.class)}. The same handle on every call.
     *
     * @param <T>  the capability's type
     * @param type the capability's class
     * @return the capability, opened on first use
     * @throws NotSupportedException when the host lacks it (the message says why, e.g. "host HV01
     *         is not a cluster node"), or no module on the class path provides {@code type}
     */
    public <T> T capability(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (type == VirtualMachines.class) return type.cast(vms);
        if (type == DiskImages.class) return type.cast(disks);
        Object known = capabilities.get(type);
        if (known != null) return type.cast(known);
        HostCapability<?> provider = Providers.ALL.stream().filter(p -> type.isAssignableFrom(p.type())).findFirst()
                .orElseThrow(() -> new NotSupportedException("No module on the class path gives hosts a " + type.getName()
                        + " (providers found: " + Providers.names() + ")"));
        T opened = type.cast(Objects.requireNonNull(provider.open(this), provider.getClass().getName() + ".open returned null"));
        Object raced = capabilities.putIfAbsent(type, opened);
        return raced == null ? opened : type.cast(raced);
    }

    /**
     * The capability when this host has it, as {@link #capability(Class)} without the exception.
     *
     * @param <T>  the capability's type
     * @param type the capability's class
     * @return the capability, or empty when the host lacks it or no module provides it
     */
    public <T> Optional<T> findCapability(Class<T> type) {
        try {
            return Optional.of(capability(type));
        } catch (NotSupportedException lacking) {
            return Optional.empty();
        }
    }

    /** Closes the session; every handle this host gave out stops working. */
    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return "HyperVHost[" + io.hyperv4j.spi.CimTransport.redact(uri) + "]";
    }

    /** The providers on the class path, found once. */
    private static final class Providers {
        static final List<HostCapability<?>> ALL = ServiceLoader.load(HostCapability.class, HyperVHost.class.getClassLoader())
                .stream().<HostCapability<?>>map(ServiceLoader.Provider::get).toList();

        static String names() {
            return ALL.isEmpty() ? "none" : String.join(", ", ALL.stream().map(p -> p.type().getSimpleName()).toList());
        }
    }
}

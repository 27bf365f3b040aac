package io.hyperv4j;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.vm.Msvm;
import io.hyperv4j.vm.VirtualMachines;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A connected Hyper-V host. Close it to release the connection. {@link #session()} gives raw CIM
 * access for anything the typed API does not cover.
 */
public final class HyperVHost implements AutoCloseable {
    private final URI uri;
    private final CimSession session;
    private final ConnectOptions options;
    private final VirtualMachines vms;

    public HyperVHost(URI uri, CimSession session, ConnectOptions options) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.session = Objects.requireNonNull(session, "session");
        this.options = Objects.requireNonNull(options, "options");
        this.vms = new VirtualMachines(session, options.operationTimeout());
    }

    public URI uri() {
        return uri;
    }

    /** The host's name as its CIM server reports it. */
    public String name() {
        return session.host();
    }

    public ConnectOptions options() {
        return options;
    }

    /** The raw CIM session this host speaks through. */
    public CimSession session() {
        return session;
    }

    /**
     * The host's own record. Found through the management service's SystemName key, which names
     * the computer, so it works whatever name the connection URI used (localhost, ., an alias).
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

    /** The host's virtual machines. */
    public VirtualMachines vms() {
        return vms;
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return "HyperVHost[" + io.hyperv4j.spi.CimTransport.redact(uri) + "]";
    }
}

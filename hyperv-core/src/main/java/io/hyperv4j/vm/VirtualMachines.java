package io.hyperv4j.vm;

import io.hyperv4j.AmbiguousNameException;
import io.hyperv4j.HyperVException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.cim.Wql;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.ReturnCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VMs of one host: list, look up, create, watch. Everything goes through the host's
 * {@link CimSession}, so the same calls drive real Hyper-V and the simulator.
 * <p>Thread-safety: thread-safe; it caches only the management service's path, and state-change
 * listeners are called on the session's event thread.
 */
public final class VirtualMachines {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualMachines.class);

    private final CimSession session;
    private final Duration operationTimeout;
    private volatile ObjectPath managementService;

    /**
     * @param operationTimeout how long {@link Operation#await()} and the blocking calls here wait by default
     * @param session          the session to the host
     */
    public VirtualMachines(CimSession session, Duration operationTimeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
    }

    CimSession session() {
        return session;
    }

    Duration operationTimeout() {
        return operationTimeout;
    }

    /**
     * Every VM on the host (not the host's own Msvm_ComputerSystem, not planned VMs).
     *
     * @return the VMs, read now
     */
    public List<VirtualMachine> list() {
        return select(null);
    }

    /**
     * VMs named {@code name}, ignoring case as WMI and Get-VM do; may be several.
     *
     * @param name the name
     * @return the matching VMs; empty when none
     */
    public List<VirtualMachine> findByName(String name) {
        Objects.requireNonNull(name, "name");
        return select("ElementName = " + Wql.quote(name)).stream().filter(vm -> name.equalsIgnoreCase(vm.lastKnownName())).toList();
    }

    /**
     * The one VM named {@code name}.
     *
     * @throws NotFoundException       when none has that name
     * @throws AmbiguousNameException  when several do (pick one by id)
     * @param name the name
     * @return the VM
     */
    public VirtualMachine get(String name) {
        List<VirtualMachine> found = findByName(name);
        if (found.isEmpty()) throw new NotFoundException("No VM named '" + name + "' on host " + session.host());
        if (found.size() > 1) {
            List<String> ids = found.stream().map(VirtualMachine::id).toList();
            throw new AmbiguousNameException(found.size() + " VMs are named '" + name + "' on host " + session.host()
                    + " (ids " + String.join(", ", ids) + "); look one up by id", ids);
        }
        return found.get(0);
    }

    /**
     * The VM with this id (its GUID, Msvm_ComputerSystem.Name), read by key: the fast lookup.
     *
     * @param id the VM's GUID
     * @return the VM, or empty when the host has none with that id
     */
    public Optional<VirtualMachine> findById(String id) {
        String guid = normaliseId(id);
        // Hyper-V writes VM GUIDs in upper case; try the caller's spelling first, then that.
        for (String candidate : new java.util.LinkedHashSet<>(List.of(guid, guid.toUpperCase(java.util.Locale.ROOT),
                guid.toLowerCase(java.util.Locale.ROOT)))) {
            try {
                CimInstance cs = session.get(pathOf(candidate));
                if (isVirtualMachine(cs)) return Optional.of(new VirtualMachine(this, cs));
            } catch (CimException e) {
                if (e.error() != CimError.NOT_FOUND) throw e;
            }
        }
        return Optional.empty();
    }

    /**
     * Like {@link #findById} but fails with {@link NotFoundException} when absent.
     *
     * @param id the VM's GUID
     * @return the VM
     * @throws NotFoundException when the host has none with that id
     */
    public VirtualMachine getById(String id) {
        return findById(id).orElseThrow(() -> new NotFoundException("No VM with id " + id + " on host " + session.host()));
    }

    /**
     * Creates a VM and waits (up to the default operation timeout) until it exists with its resources set.
     *
     * @param spec what to create
     * @return the new VM
     */
    public VirtualMachine create(VmSpec spec) {
        return create(spec, operationTimeout);
    }

    /**
     * Creates a VM as Hyper-V expects: DefineSystem with an embedded Msvm_VirtualSystemSettingData
     * (name, generation as VirtualSystemSubType, notes) and no resource settings, so the host adds
     * its default processor and memory; then one ModifyResourceSettings for processor count and
     * memory (os-win's create_vm/update_vm order). If the second step fails the VM is destroyed
     * again, so a failed create leaves nothing behind.
     *
     * @param spec    what to create
     * @param timeout the longest wait for each of the two steps
     * @return the new VM
     * @throws io.hyperv4j.HyperVTimeoutException when a step does not complete in time
     */
    public VirtualMachine create(VmSpec spec, Duration timeout) {
        Objects.requireNonNull(spec, "spec");
        String attempted = "create VM '" + spec.name() + "'";
        CimInstance.Builder vssd = CimInstance.builder(Msvm.SYSTEM_SETTING_DATA)
                .put("ElementName", CimValue.string(spec.name()))
                .put("VirtualSystemSubType", CimValue.string(Msvm.SUBTYPE_PREFIX + spec.generation()));
        if (!spec.notes().isEmpty()) vssd.put("Notes", CimValue.strings(List.of(spec.notes())));
        Operation<ObjectPath> define = MethodCall.on(session, managementService(), "DefineSystem", ReturnCodes.Family.CIM_METHOD)
                .with("SystemSettings", CimValue.string(vssd.build().toString()))
                .with("ResourceSettings", CimValue.array(CimType.STRING, List.of()))
                .attempting(attempted)
                .timeout(timeout)
                .invoke(r -> r.reference("ResultingSystem").orElse(null));
        ObjectPath path = define.await(timeout);
        VirtualMachine vm = path != null ? resolve(path) : createdByName(spec.name());
        LOG.debug("defined VM '{}' as {}", spec.name(), vm.id());
        try {
            vm.setResources(spec.processors(), spec.memoryMb(), "set processors and memory of new " + vm.label())
                    .await(timeout);
        } catch (RuntimeException e) {
            try {
                vm.remove().await(timeout);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return vm;
    }

    /**
     * Calls {@code listener} whenever any VM on the host changes state (on the event thread).
     * Close the returned subscription to stop.
     *
     * @param listener called with each change
     * @return the registration; closing it stops the calls and throws nothing
     */
    public Subscription onStateChange(Consumer<VmStateChange> listener) {
        return subscribeStateChanges(null, listener);
    }

    Subscription subscribeStateChanges(String vmId, Consumer<VmStateChange> listener) {
        Objects.requireNonNull(listener, "listener");
        String query = "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA 'Msvm_ComputerSystem'"
                + " AND TargetInstance.EnabledState <> PreviousInstance.EnabledState"
                + (vmId == null ? "" : " AND TargetInstance.Name = " + Wql.quote(vmId));
        return session.subscribe(Msvm.NAMESPACE, query, event -> {
            try {
                CimInstance now = embedded(event, "TargetInstance");
                CimInstance before = embedded(event, "PreviousInstance");
                if (now == null || !isVirtualMachine(now)) return;
                listener.accept(new VmStateChange(now.getString("Name"), now.getString("ElementName"),
                        before == null ? VmState.UNKNOWN : VirtualMachine.stateOf(before), VirtualMachine.stateOf(now)));
            } catch (RuntimeException e) {
                LOG.warn("VM state-change listener failed", e);
            }
        });
    }

    /**
     * Migration without a cluster on this host: live, shared-nothing and storage migration.
     *
     * @return the host's migration service
     */
    public VmMigrations migrations() {
        return new VmMigrations(this);
    }

    /**
     * The path of the host's Msvm_VirtualSystemManagementService (looked up once).
     *
     * @return the path
     */
    public ObjectPath managementServicePath() {
        return managementService();
    }

    ObjectPath managementService() {
        ObjectPath p = managementService;
        if (p == null) {
            List<CimInstance> found = session.query(Msvm.NAMESPACE, "SELECT * FROM " + Msvm.MANAGEMENT_SERVICE);
            if (found.isEmpty())
                throw new HyperVException("Host " + session.host() + " has no " + Msvm.MANAGEMENT_SERVICE + ": is Hyper-V installed?");
            managementService = p = withNamespace(found.get(0).path());
        }
        return p;
    }

    static ObjectPath pathOf(String guid) {
        return ObjectPath.of(Msvm.NAMESPACE, Msvm.COMPUTER_SYSTEM,
                Map.of("CreationClassName", Msvm.COMPUTER_SYSTEM, "Name", guid));
    }

    static ObjectPath withNamespace(ObjectPath p) {
        return p.namespace() == null ? new ObjectPath(p.server(), Msvm.NAMESPACE, p.className(), p.keys()) : p;
    }

    private VirtualMachine resolve(ObjectPath path) {
        Object name = path.key("Name");
        if (name != null) return getById(name.toString());
        return new VirtualMachine(this, session.get(withNamespace(path)));
    }

    /** Last resort when DefineSystem gave no ResultingSystem: the newest VM with that name. */
    private VirtualMachine createdByName(String name) {
        List<VirtualMachine> found = findByName(name);
        if (found.isEmpty()) throw new NotFoundException("DefineSystem reported success but no VM named '" + name + "' exists");
        return found.get(found.size() - 1);
    }

    private List<VirtualMachine> select(String where) {
        String wql = "SELECT * FROM " + Msvm.COMPUTER_SYSTEM + (where == null ? "" : " WHERE " + where);
        List<VirtualMachine> vms = new ArrayList<>();
        for (CimInstance cs : session.query(Msvm.NAMESPACE, wql)) {
            if (isVirtualMachine(cs)) vms.add(new VirtualMachine(this, cs));
        }
        return vms;
    }

    /**
     * The host itself is an Msvm_ComputerSystem too; a VM's Name is its GUID, the host's is its
     * computer name. Locale-independent, unlike filtering on Caption = 'Virtual Machine'.
     */
    static boolean isVirtualMachine(CimInstance cs) {
        if (!cs.className().equalsIgnoreCase(Msvm.COMPUTER_SYSTEM)) return false;
        String name = cs.getString("Name");
        if (name == null) return false;
        try {
            UUID.fromString(name);
            return name.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normaliseId(String id) {
        Objects.requireNonNull(id, "id");
        String s = id.trim();
        if (s.startsWith("{") && s.endsWith("}")) s = s.substring(1, s.length() - 1);
        try {
            UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + id + "' is not a VM id (a GUID such as 4F1D0E6A-...)");
        }
        return s;
    }

    private static CimInstance embedded(CimInstance event, String property) {
        CimValue v = event.get(property);
        return v == null ? null : v.asEmbeddedInstance();
    }
}

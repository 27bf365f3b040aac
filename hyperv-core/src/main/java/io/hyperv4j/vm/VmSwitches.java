package io.hyperv4j.vm;

import io.hyperv4j.AmbiguousNameException;
import io.hyperv4j.HyperVException;
import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Wql;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.ReturnCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A host's virtual switches (New-VMSwitch, Get-VMSwitch, Remove-VMSwitch) through
 * Msvm_VirtualEthernetSwitchManagementService: a switch is private without ports, internal with a
 * port to the management OS, external with a port to one of the host's adapters
 * (Msvm_ExternalEthernetPort) and one to the management OS.
 * <p>Thread-safety: thread-safe (no mutable state besides the service path it looks up once).
 */
public final class VmSwitches {
    static final String SWITCH = "Msvm_VirtualEthernetSwitch";
    static final String SWITCH_SETTINGS = "Msvm_VirtualEthernetSwitchSettingData";
    static final String SERVICE = "Msvm_VirtualEthernetSwitchManagementService";
    static final String PORT_ALLOCATION = "Msvm_EthernetPortAllocationSettingData";
    static final String EXTERNAL_PORT = "Msvm_ExternalEthernetPort";

    private final CimSession session;
    private final Duration timeout;

    /**
     * @param session the session to the host
     * @param timeout how long a call waits for its job
     */
    public VmSwitches(CimSession session, Duration timeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Every switch of the host.
     *
     * @return the switches, read now
     */
    public List<VmSwitch> list() {
        List<VmSwitch> out = new ArrayList<>();
        for (CimInstance sw : session.query(Msvm.NAMESPACE, "SELECT * FROM " + SWITCH)) out.add(describe(sw));
        return out;
    }

    /**
     * The switch of this name.
     *
     * @param name the switch's name
     * @return the switch
     * @throws NotFoundException      when the host has none of that name
     * @throws AmbiguousNameException when it has several
     */
    public VmSwitch get(String name) {
        return describe(instance(name));
    }

    CimInstance instance(String name) {
        List<CimInstance> found = session.query(Msvm.NAMESPACE, "SELECT * FROM " + SWITCH + " WHERE ElementName = " + Wql.quote(name));
        if (found.isEmpty()) throw new NotFoundException("Host " + session.host() + " has no virtual switch named '" + name + "'");
        if (found.size() > 1) throw new AmbiguousNameException("Host " + session.host() + " has " + found.size() + " virtual switches named '" + name + "'",
                found.stream().map(i -> i.getString("Name")).toList());
        return found.get(0);
    }

    private VmSwitch describe(CimInstance sw) {
        ObjectPath path = withNamespace(sw.path());
        boolean host = false;
        String adapter = null;
        for (CimInstance settings : session.associators(path, Msvm.SETTINGS_DEFINE_STATE, SWITCH_SETTINGS))
            for (CimInstance port : session.associators(withNamespace(settings.path()), Msvm.SETTING_DATA_COMPONENT, PORT_ALLOCATION)) {
                for (Object res : port.list("HostResource")) {
                    ObjectPath target = ObjectPath.parse(res.toString());
                    if (target.className().equalsIgnoreCase(Msvm.COMPUTER_SYSTEM)) host = true;
                    if (target.className().equalsIgnoreCase(EXTERNAL_PORT)) adapter = port.getString("ElementName");
                }
            }
        SwitchType type = adapter != null ? SwitchType.EXTERNAL : host ? SwitchType.INTERNAL : SwitchType.PRIVATE;
        return new VmSwitch(sw.getString("Name"), sw.getString("ElementName"), type, adapter);
    }

    /**
     * New-VMSwitch: a switch of this name and type. An external switch binds the host adapter of that
     * description (Msvm_ExternalEthernetPort.ElementName) and gives the management OS a port on it.
     *
     * @param name                  the new switch's name, unique on the host
     * @param type                  what it connects
     * @param netAdapterDescription the adapter of an external switch; null otherwise
     * @return the switch
     * @throws InvalidParameterException when the name is blank or taken, the adapter missing or unknown
     */
    public VmSwitch create(String name, SwitchType type, String netAdapterDescription) {
        String attempted = "create virtual switch '" + name + "' on " + session.host();
        if (name == null || name.isBlank()) throw new InvalidParameterException("Cannot " + attempted + ": the name is blank", 4, "Invalid Parameter");
        if (!session.query(Msvm.NAMESPACE, "SELECT * FROM " + SWITCH + " WHERE ElementName = " + Wql.quote(name)).isEmpty())
            throw new InvalidParameterException("Cannot " + attempted + ": the host has a switch of that name", 4, "Invalid Parameter");
        if ((type == SwitchType.EXTERNAL) != (netAdapterDescription != null))
            throw new InvalidParameterException("Cannot " + attempted + ": an external switch, and only it, names a host adapter", 4, "Invalid Parameter");
        List<String> ports = new ArrayList<>();
        if (type == SwitchType.EXTERNAL) ports.add(port(externalPort(netAdapterDescription, attempted), netAdapterDescription));
        if (type != SwitchType.PRIVATE)
            ports.add(port(ObjectPath.of(Msvm.NAMESPACE, Msvm.COMPUTER_SYSTEM, Map.of("CreationClassName", Msvm.COMPUTER_SYSTEM,
                    "Name", hostName())), name));
        CimInstance settings = CimInstance.builder(SWITCH_SETTINGS).put("ElementName", CimValue.string(name)).build();
        ObjectPath created = MethodCall.on(session, service(), "DefineSystem", ReturnCodes.Family.CIM_METHOD)
                .with("SystemSettings", CimValue.string(settings.toString()))
                .with("ResourceSettings", CimValue.array(CimType.STRING, ports))
                .attempting(attempted)
                .timeout(timeout)
                .invoke(r -> r.get("ResultingSystem").asPath())
                .await();
        return describe(session.get(withNamespace(created)));
    }

    /**
     * Remove-VMSwitch: adapters connected to it stay, disconnected.
     *
     * @param name the switch's name
     */
    public void remove(String name) {
        ObjectPath sw = withNamespace(instance(name).path());
        MethodCall.on(session, service(), "DestroySystem", ReturnCodes.Family.CIM_METHOD)
                .with("AffectedSystem", CimValue.ref(sw))
                .attempting("remove virtual switch '" + name + "' from " + session.host())
                .timeout(timeout)
                .invoke(r -> null)
                .await();
    }

    private String hostName() {
        for (CimInstance cs : session.query(Msvm.NAMESPACE, "SELECT * FROM " + Msvm.COMPUTER_SYSTEM + " WHERE Caption = 'Hosting Computer System'"))
            return cs.getString("Name");
        throw new HyperVException("Host " + session.host() + " shows no hosting Msvm_ComputerSystem");
    }

    private ObjectPath externalPort(String description, String attempted) {
        List<CimInstance> found = session.query(Msvm.NAMESPACE, "SELECT * FROM " + EXTERNAL_PORT + " WHERE ElementName = " + Wql.quote(description));
        if (found.isEmpty())
            throw new InvalidParameterException("Cannot " + attempted + ": the host has no network adapter '" + description + "'", 4, "Invalid Parameter");
        return withNamespace(found.get(0).path());
    }

    private static String port(ObjectPath target, String name) {
        return CimInstance.builder(PORT_ALLOCATION).put("ElementName", CimValue.string(name))
                .put("HostResource", CimValue.strings(List.of(target.toString()))).build().toString();
    }

    private ObjectPath service() {
        List<CimInstance> found = session.query(Msvm.NAMESPACE, "SELECT * FROM " + SERVICE);
        if (found.isEmpty()) throw new HyperVException("Host " + session.host() + " has no " + SERVICE);
        return withNamespace(found.get(0).path());
    }

    static ObjectPath withNamespace(ObjectPath p) {
        return VirtualMachines.withNamespace(p);
    }
}

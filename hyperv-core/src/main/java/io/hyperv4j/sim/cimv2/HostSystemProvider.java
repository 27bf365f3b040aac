package io.hyperv4j.sim.cimv2;

import io.hyperv4j.cim.CimDateTime;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.internal.NameUuids;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.sim.SimProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The few root\cimv2 classes Hyper-V clients read on connect (os-win's hostutils, libvirt's Hyper-V
 * driver): Win32_ComputerSystem, Win32_ComputerSystemProduct, Win32_OperatingSystem (Windows
 * Server 2019, memory from the host's VMs), Win32_Processor (one socket with the host's logical
 * processors) and, per host adapter, Win32_NetworkAdapter and Win32_NetworkAdapterConfiguration.
 * Read-only: their methods (Reboot, Rename, EnableStatic, ...) answer not supported.
 */
public final class HostSystemProvider implements SimProvider {
    static final String NAMESPACE = "root\\cimv2";
    private static final String COMPUTER_SYSTEM = "Win32_ComputerSystem";
    private static final String PRODUCT = "Win32_ComputerSystemProduct";
    private static final String OS = "Win32_OperatingSystem";
    private static final String PROCESSOR = "Win32_Processor";
    private static final String ADAPTER = "Win32_NetworkAdapter";
    private static final String ADAPTER_CONFIG = "Win32_NetworkAdapterConfiguration";
    private static final String SYSTEM_PROCESSOR = "Win32_ComputerSystemProcessor";
    private static final Set<String> CLASSES;

    static {
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(List.of(COMPUTER_SYSTEM, PRODUCT, OS, PROCESSOR, ADAPTER, ADAPTER_CONFIG, SYSTEM_PROCESSOR));
        CLASSES = Collections.unmodifiableSet(s);
    }

    private static final String OS_CAPTION = "Microsoft Windows Server 2019 Datacenter";
    private static final String OS_VERSION = "10.0.17763";
    private static final String OK = "OK";
    /** Win32_OperatingSystem.ProductType 3 Server; OSType 18 WINNT; Win32_Processor.Architecture 9 x64, ProcessorType 3 Central Processor. */
    private static final int SERVER = 3;
    private static final int WINNT = 18;
    private static final int X64 = 9;
    private static final int CENTRAL_PROCESSOR = 3;
    /** Win32_NetworkAdapter.AdapterTypeID 0 Ethernet 802.3; NetConnectionStatus 2 Connected. */
    private static final int CONNECTED = 2;
    private static final int BOOT_MINUTES_BEFORE_LAB = 30;

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public Set<String> classNames() {
        return CLASSES;
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        SimHost h = s.host();
        List<CimInstance> out = new ArrayList<>();
        switch (className.toLowerCase(Locale.ROOT)) {
            case "win32_computersystem" -> out.add(computerSystem(h));
            case "win32_computersystemproduct" -> out.add(product(h));
            case "win32_operatingsystem" -> out.add(operatingSystem(s));
            case "win32_processor" -> out.add(processor(h));
            case "win32_computersystemprocessor" -> out.add(systemProcessor(h));
            case "win32_networkadapter" -> {
                for (int i = 0; i < h.networkAdapters().size(); i++) out.add(adapter(h, h.networkAdapters().get(i), i));
            }
            case "win32_networkadapterconfiguration" -> {
                for (int i = 0; i < h.networkAdapters().size(); i++) out.add(adapterConfig(h, h.networkAdapters().get(i), i));
            }
            default -> { }
        }
        return out;
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        for (CimInstance i : instances(s, path.className())) {
            boolean match = true;
            for (var k : path.keys().entrySet())
                if (!String.valueOf(k.getValue()).equalsIgnoreCase(String.valueOf(i.path().key(k.getKey())))) match = false;
            if (match && !path.keys().isEmpty()) return i;
        }
        return null;
    }

    /** The computer system and processor are linked by Win32_ComputerSystemProcessor (libvirt follows it). */
    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        CimInstance link = systemProcessor(s.host());
        for (String role : List.of("GroupComponent", "PartComponent")) {
            ObjectPath end = link.get(role).asPath();
            if (end.className().equalsIgnoreCase(path.className()) && String.valueOf(end.keys().values().iterator().next())
                    .equalsIgnoreCase(String.valueOf(path.keys().values().stream().findFirst().orElse("")))) return List.of(link);
        }
        return List.of();
    }

    private static CimInstance systemProcessor(SimHost h) {
        ObjectPath cs = computerSystem(h).path();
        ObjectPath cpu = processor(h).path();
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("GroupComponent", cs);
        keys.put("PartComponent", cpu);
        return CimInstance.builder(SYSTEM_PROCESSOR).path(new ObjectPath(h.name(), NAMESPACE, SYSTEM_PROCESSOR, keys))
                .put("GroupComponent", CimValue.ref(cs)).put("PartComponent", CimValue.ref(cpu)).build();
    }

    @Override
    public MethodResult invoke(io.hyperv4j.sim.Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        return List.of();
    }

    private static CimInstance.Builder start(SimHost h, String cls, Object... keys) {
        Map<String, Object> k = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i += 2) k.put((String) keys[i], keys[i + 1]);
        CimInstance.Builder b = CimInstance.builder(cls).path(new ObjectPath(h.name(), NAMESPACE, cls, k));
        k.forEach((name, v) -> b.put(name, v instanceof Long l ? CimValue.uint32(l) : CimValue.string(v.toString())));
        return b;
    }

    private static String guid(SimHost h, String what) {
        return NameUuids.of(what + ":" + h.name()).toString().toUpperCase(Locale.ROOT);
    }

    private static CimInstance computerSystem(SimHost h) {
        CimInstance.Builder b = start(h, COMPUTER_SYSTEM, "Name", h.name());
        b.put("Caption", CimValue.string(h.name()));
        b.put("DNSHostName", CimValue.string(h.name()));
        b.put("Domain", CimValue.string("WORKGROUP"));
        b.put("Workgroup", CimValue.string("WORKGROUP"));
        b.put("PartOfDomain", CimValue.bool(false));
        b.put("DomainRole", CimValue.uint16(2)); // Standalone Server
        b.put("Manufacturer", CimValue.string("hyperv4j"));
        b.put("Model", CimValue.string("Simulated Hyper-V host"));
        b.put("NumberOfProcessors", CimValue.uint32(1));
        b.put("NumberOfLogicalProcessors", CimValue.uint32(h.logicalProcessors()));
        b.put("TotalPhysicalMemory", CimValue.uint64(h.memoryMb() * 1024 * 1024));
        b.put("HypervisorPresent", CimValue.bool(true));
        b.put("SystemType", CimValue.string("x64-based PC"));
        b.put("PrimaryOwnerName", CimValue.string("Administrator"));
        b.put("CreationClassName", CimValue.string(COMPUTER_SYSTEM));
        b.put("Status", CimValue.string(OK));
        return b.build();
    }

    private static CimInstance product(SimHost h) {
        String serial = guid(h, "serial").substring(0, 8);
        CimInstance.Builder b = start(h, PRODUCT, "IdentifyingNumber", serial, "Name", "Simulated Hyper-V host", "Version", "1.0");
        b.put("Caption", CimValue.string("Computer System Product"));
        b.put("Vendor", CimValue.string("hyperv4j"));
        b.put("UUID", CimValue.string(guid(h, "smbios")));
        return b.build();
    }

    private static CimInstance operatingSystem(HostScope s) {
        SimHost h = s.host();
        CimInstance.Builder b = start(h, OS, "Name", OS_CAPTION + "|C:\\Windows|\\Device\\Harddisk0\\Partition2");
        b.put("Caption", CimValue.string(OS_CAPTION));
        b.put("Version", CimValue.string(OS_VERSION));
        b.put("BuildNumber", CimValue.string(OS_VERSION.substring(OS_VERSION.lastIndexOf('.') + 1)));
        b.put("OSArchitecture", CimValue.string("64-bit"));
        b.put("ProductType", CimValue.uint32(SERVER));
        b.put("OSType", CimValue.uint16(WINNT));
        long totalKb = h.memoryMb() * 1024;
        b.put("TotalVisibleMemorySize", CimValue.uint64(totalKb));
        b.put("FreePhysicalMemory", CimValue.uint64(Math.max(0, totalKb - h.memoryInUseMb() * 1024)));
        b.put("CSName", CimValue.string(h.name()));
        b.put("CSCreationClassName", CimValue.string(COMPUTER_SYSTEM));
        b.put("CreationClassName", CimValue.string(OS));
        b.put("LastBootUpTime", CimValue.datetime(CimDateTime.of(Lab.DEFAULT_START.minusSeconds(60L * BOOT_MINUTES_BEFORE_LAB))));
        b.put("LocalDateTime", CimValue.datetime(CimDateTime.of(s.now())));
        b.put("NumberOfProcesses", CimValue.uint32(60 + h.vms().size()));
        b.put("Status", CimValue.string(OK));
        return b.build();
    }

    private static CimInstance processor(SimHost h) {
        CimInstance.Builder b = start(h, PROCESSOR, "DeviceID", "CPU0");
        b.put("Name", CimValue.string("Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz"));
        b.put("Manufacturer", CimValue.string("GenuineIntel"));
        b.put("Architecture", CimValue.uint16(X64));
        b.put("ProcessorType", CimValue.uint16(CENTRAL_PROCESSOR));
        b.put("NumberOfLogicalProcessors", CimValue.uint32(h.logicalProcessors()));
        b.put("NumberOfCores", CimValue.uint32(Math.max(1, h.logicalProcessors() / 2)));
        b.put("MaxClockSpeed", CimValue.uint32(SimHost.PROCESSOR_MHZ));
        b.put("CurrentClockSpeed", CimValue.uint32(SimHost.PROCESSOR_MHZ));
        b.put("AddressWidth", CimValue.uint16(64));
        b.put("DataWidth", CimValue.uint16(64));
        b.put("SocketDesignation", CimValue.string("CPU0"));
        b.put("SystemName", CimValue.string(h.name()));
        b.put("CreationClassName", CimValue.string(PROCESSOR));
        b.put("SystemCreationClassName", CimValue.string(COMPUTER_SYSTEM));
        b.put("Status", CimValue.string(OK));
        return b.build();
    }

    /** The adapter's MAC as Win32_NetworkAdapter writes it (colons), the same as its Msvm_ExternalEthernetPort's. */
    private static String mac(SimHost h, int index) {
        String hex = SimNetworkAdapter.permanentAddress(h.name(), index);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        return out.toString();
    }

    private static CimInstance adapter(SimHost h, SimNetworkAdapter a, int index) {
        CimInstance.Builder b = start(h, ADAPTER, "DeviceID", Integer.toString(index + 1));
        b.put("Name", CimValue.string(a.description()));
        b.put("Description", CimValue.string(a.description()));
        b.put("ProductName", CimValue.string(a.description()));
        b.put("AdapterType", CimValue.string("Ethernet 802.3"));
        b.put("AdapterTypeID", CimValue.uint16(0));
        b.put("MACAddress", CimValue.string(mac(h, index)));
        b.put("NetConnectionID", CimValue.string(index == 0 ? "Ethernet" : "Ethernet " + (index + 1)));
        b.put("NetConnectionStatus", CimValue.uint16(CONNECTED));
        b.put("NetEnabled", CimValue.bool(true));
        b.put("PhysicalAdapter", CimValue.bool(true));
        b.put("Speed", CimValue.uint64(a.bitsPerSecond()));
        b.put("Index", CimValue.uint32(index + 1));
        b.put("InterfaceIndex", CimValue.uint32(index + 2));
        b.put("GUID", CimValue.string("{" + guid(h, "nic" + index) + "}"));
        b.put("Manufacturer", CimValue.string("hyperv4j"));
        b.put("ServiceName", CimValue.string("netsim"));
        b.put("SystemName", CimValue.string(h.name()));
        b.put("CreationClassName", CimValue.string(ADAPTER));
        b.put("SystemCreationClassName", CimValue.string(COMPUTER_SYSTEM));
        b.put("Status", CimValue.string(OK));
        return b.build();
    }

    private static CimInstance adapterConfig(SimHost h, SimNetworkAdapter a, int index) {
        CimInstance.Builder b = start(h, ADAPTER_CONFIG, "Index", (long) (index + 1));
        b.put("Caption", CimValue.string(a.description()));
        b.put("Description", CimValue.string(a.description()));
        b.put("IPEnabled", CimValue.bool(true));
        b.put("DHCPEnabled", CimValue.bool(false));
        b.put("MACAddress", CimValue.string(mac(h, index)));
        b.put("SettingID", CimValue.string("{" + guid(h, "nic" + index) + "}"));
        b.put("InterfaceIndex", CimValue.uint32(index + 2));
        b.put("ServiceName", CimValue.string("netsim"));
        return b.build();
    }
}

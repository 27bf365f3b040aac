package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.vm.Msvm;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmInfo;
import io.hyperv4j.vm.VmState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * VMs as the Hyper-V PowerShell module shows them: Get-VM's VirtualMachine objects, with their
 * property names (Name, Id, State, CPUUsage, MemoryAssigned, Uptime, Status, ...).
 */
public final class VmView {
    /**
     * GetSummaryInformation RequestedInformation: 0 Name, 2 CreationTime, 10 Version,
     * 101 ProcessorLoad, 103 MemoryUsage (MB).
     */
    private static final List<Long> SUMMARY_REQUEST = List.of(0L, 2L, 10L, 101L, 103L);

    /** What Get-VM shows of one VM. MemoryAssigned and MemoryStartup in bytes, as PowerShell has them. */
    public record Vm(String name, String id, String state, int cpuUsage, long memoryAssigned, long memoryStartup,
              int processorCount, boolean dynamicMemoryEnabled, Duration uptime, String status, int generation,
              String notes, String computerName, String version, String creationTime) {}

    /** CPU load, memory in use, configuration version and creation time as the host reports them. */
    public record Usage(int processorLoad, long memoryUsageMb, String version, String creationTime) {}

    private VmView() {}

    public static Vm of(VirtualMachine vm, CimSession session, Map<String, Usage> usage) {
        VmInfo info = vm.info(); // carries the status (StatusDescriptions[0]) read with the state
        Usage u = usage.get(info.id().toUpperCase(Locale.ROOT));
        boolean holdsMemory = info.state().isActive();
        long assigned = u != null ? u.memoryUsageMb() << 20 : holdsMemory ? info.memoryMb() << 20 : 0;
        return new Vm(info.name(), info.id().toLowerCase(Locale.ROOT), stateName(info.enabledState()),
                u == null ? 0 : u.processorLoad(), assigned, info.memoryMb() << 20, info.processors(),
                info.dynamicMemory(), info.uptime(), info.status(), info.generation(), info.notes(), session.host(),
                u == null ? "" : u.version(), u == null ? "" : u.creationTime());
    }

    /**
     * ProcessorLoad and MemoryUsage of every VM, by VM GUID, from one
     * Msvm_VirtualSystemManagementService.GetSummaryInformation call (SettingData null: all VMs).
     * Empty when the host does not answer it; the view then derives memory from the settings.
     */
    public static Map<String, Usage> usage(CimSession session) {
        Map<String, Usage> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try {
            List<CimInstance> services = session.query(Msvm.NAMESPACE, "SELECT * FROM " + Msvm.MANAGEMENT_SERVICE);
            if (services.isEmpty() || services.get(0).path() == null) return out;
            ObjectPath service = services.get(0).path();
            MethodResult r = session.invoke(service, "GetSummaryInformation",
                    Map.of("RequestedInformation", CimValue.array(CimType.UINT32, SUMMARY_REQUEST)));
            CimValue infos = r.find("SummaryInformation").orElse(null);
            if (r.returnValue() != 0 || infos == null) return out;
            for (Object o : infos.asList()) {
                CimInstance s = (CimInstance) o;
                String name = s.getString("Name");
                if (name == null) continue;
                out.put(name, new Usage(s.intOr("ProcessorLoad", 0), s.longOr("MemoryUsage", 0),
                        s.stringOr("Version", ""), creationTime(s)));
            }
        } catch (CimException e) {
            // not answered: fall back to the settings
        }
        return out;
    }

    /** ISO 8601 (UTC) from the DMTF datetime, as JSON readers expect; empty when absent. */
    private static String creationTime(CimInstance summary) {
        return summary.instant("CreationTime").map(Object::toString).orElse("");
    }

    static ObjectNode json(Vm v) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("Name", v.name());
        o.put("Id", v.id());
        o.put("VMName", v.name());
        o.put("VMId", v.id());
        o.put("State", v.state());
        o.put("Status", v.status());
        o.put("CPUUsage", v.cpuUsage());
        o.put("MemoryAssigned", v.memoryAssigned());
        o.put("MemoryStartup", v.memoryStartup());
        o.put("DynamicMemoryEnabled", v.dynamicMemoryEnabled());
        o.put("ProcessorCount", v.processorCount());
        o.put("Uptime", timeSpan(v.uptime()));
        o.put("Generation", v.generation());
        o.put("Notes", v.notes());
        o.put("ComputerName", v.computerName());
        o.put("Version", v.version());
        o.put("CreationTime", v.creationTime());
        return o;
    }

    /** Format-List style. */
    static String text(Vm v) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("Name", v.name());
        lines.put("Id", v.id());
        lines.put("State", v.state());
        lines.put("Status", v.status());
        lines.put("CPUUsage", Integer.toString(v.cpuUsage()));
        lines.put("MemoryAssigned", v.memoryAssigned() + " (" + Sizes.format(v.memoryAssigned()) + ")");
        lines.put("MemoryStartup", v.memoryStartup() + " (" + Sizes.format(v.memoryStartup()) + ")");
        lines.put("DynamicMemoryEnabled", Boolean.toString(v.dynamicMemoryEnabled()));
        lines.put("ProcessorCount", Integer.toString(v.processorCount()));
        lines.put("Uptime", timeSpan(v.uptime()));
        lines.put("Generation", Integer.toString(v.generation()));
        lines.put("Notes", v.notes());
        lines.put("ComputerName", v.computerName());
        lines.put("Version", v.version());
        lines.put("CreationTime", v.creationTime());
        return CimText.list(lines);
    }

    /** Get-VM's table: Name, State, CPUUsage(%), MemoryAssigned(M), Uptime, Status, Version, and the ComputerName it was read on. */
    public static String table(List<Vm> vms) {
        String[] head = {"Name", "State", "CPUUsage(%)", "MemoryAssigned(M)", "Uptime", "Status", "Version", "ComputerName"};
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(head);
        rows.add(java.util.Arrays.stream(head).map(h -> "-".repeat(h.length())).toArray(String[]::new));
        for (Vm v : vms) {
            rows.add(new String[] {v.name(), v.state(), Integer.toString(v.cpuUsage()),
                    Long.toString(v.memoryAssigned() >> 20), timeSpan(v.uptime()), v.status(), v.version(), v.computerName()});
        }
        int[] width = new int[head.length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) line.append(" ".repeat(width[i] - r[i].length() + 1));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    /** A .NET TimeSpan's text: {@code 01:02:03}, {@code 2.01:02:03}. */
    static String timeSpan(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86400;
        // not String.format: a process's first Formatter loads the locale data, a tenth of a short command
        String hms = twoDigits((s / 3600) % 24) + ":" + twoDigits((s / 60) % 60) + ":" + twoDigits(s % 60);
        return days > 0 ? days + "." + hms : hms;
    }

    private static String twoDigits(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /**
     * The PowerShell VMState name for an Msvm_ComputerSystem.EnabledState, decoded tolerantly
     * (wmi-facts A.1: 6 and 32769 saved, 9 and 32768 paused, 327xx transitional).
     */
    static String stateName(long enabledState) {
        // One decoder for the SDK and the tool (VmState), spelt as PowerShell's VMState: FastSaved, not FAST_SAVED.
        VmState state = VmState.fromEnabledState(enabledState);
        if (state == VmState.OTHER || state == VmState.UNKNOWN || state == VmState.SNAPSHOTTING) return "Other";
        StringBuilder name = new StringBuilder();
        for (String word : state.name().split("_"))
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        return name.toString();
    }
}

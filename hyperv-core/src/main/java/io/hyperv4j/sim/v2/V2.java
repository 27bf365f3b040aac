package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.ObjectPath;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Names and key formats of the simulated root\virtualization\v2 classes. Keys follow what Hyper-V
 * uses: a VM's settings are {@code Microsoft:<VM GUID>}, its processor and memory settings hang
 * below that with fixed resource GUIDs, integration components use fixed device ids.
 */
public final class V2 {
    private V2() {}

    public static final String NAMESPACE = "root\\virtualization\\v2";

    public static final String COMPUTER_SYSTEM = "Msvm_ComputerSystem";
    public static final String VSSD = "Msvm_VirtualSystemSettingData";
    public static final String PROCESSOR_SD = "Msvm_ProcessorSettingData";
    public static final String MEMORY_SD = "Msvm_MemorySettingData";
    public static final String SETTINGS_DEFINE_STATE = "Msvm_SettingsDefineState";
    public static final String VSSD_COMPONENT = "Msvm_VirtualSystemSettingDataComponent";
    public static final String MANAGEMENT_SERVICE = "Msvm_VirtualSystemManagementService";
    public static final String CONCRETE_JOB = "Msvm_ConcreteJob";
    public static final String AFFECTED_JOB_ELEMENT = "Msvm_AffectedJobElement";
    public static final String SHUTDOWN_COMPONENT = "Msvm_ShutdownComponent";
    public static final String SYSTEM_DEVICE = "Msvm_SystemDevice";
    public static final String SUMMARY_INFORMATION = "Msvm_SummaryInformation";
    public static final String HOSTED_SERVICE = "Msvm_HostedService";
    public static final String ERROR = "Msvm_Error";

    static final String PROCESSOR_RESOURCE = "B637F346-6A0E-4DEC-AF52-BD70CB80A21D";
    static final String MEMORY_RESOURCE = "4764334D-E001-4176-82EE-5594EC9B530E";
    static final String SHUTDOWN_DEVICE_ID = "Microsoft:9F8233AC-BE49-4C79-8EE3-E7E1985B2077";
    static final String SERVICE_NAME = "vmms";
    private static final String MICROSOFT = "Microsoft:";

    public static ObjectPath computerSystem(String host, String name) {
        return path(host, COMPUTER_SYSTEM, "CreationClassName", COMPUTER_SYSTEM, "Name", name);
    }

    public static ObjectPath settings(String host, String vmId) {
        return path(host, VSSD, "InstanceID", MICROSOFT + vmId);
    }

    public static ObjectPath processor(String host, String vmId) {
        return path(host, PROCESSOR_SD, "InstanceID", processorId(vmId));
    }

    public static ObjectPath memory(String host, String vmId) {
        return path(host, MEMORY_SD, "InstanceID", memoryId(vmId));
    }

    public static ObjectPath managementService(String host) {
        return path(host, MANAGEMENT_SERVICE, "CreationClassName", MANAGEMENT_SERVICE, "Name", SERVICE_NAME,
                "SystemCreationClassName", COMPUTER_SYSTEM, "SystemName", host);
    }

    public static ObjectPath job(String host, String jobId) {
        return path(host, CONCRETE_JOB, "InstanceID", jobId);
    }

    public static ObjectPath shutdownComponent(String host, String vmId) {
        return path(host, SHUTDOWN_COMPONENT, "CreationClassName", SHUTDOWN_COMPONENT, "DeviceID", SHUTDOWN_DEVICE_ID,
                "SystemCreationClassName", COMPUTER_SYSTEM, "SystemName", vmId);
    }

    static String processorId(String vmId) {
        return MICROSOFT + vmId + "\\" + PROCESSOR_RESOURCE + "\\0";
    }

    static String memoryId(String vmId) {
        return MICROSOFT + vmId + "\\" + MEMORY_RESOURCE;
    }

    /** The VM GUID in a settings InstanceID ({@code Microsoft:<GUID>[\...]}), or null when it has none. */
    static String vmIdOf(String instanceId) {
        if (instanceId == null || !instanceId.regionMatches(true, 0, MICROSOFT, 0, MICROSOFT.length())) return null;
        String rest = instanceId.substring(MICROSOFT.length());
        int slash = rest.indexOf('\\');
        return (slash < 0 ? rest : rest.substring(0, slash)).toUpperCase(Locale.ROOT);
    }

    static ObjectPath path(String host, String className, Object... keyValues) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) keys.put((String) keyValues[i], keyValues[i + 1]);
        return new ObjectPath(host, NAMESPACE, className, keys);
    }

    /** An unmodifiable, case-insensitive set of class names, as {@code SimProvider.classNames()} returns. */
    static java.util.Set<String> classSet(String... names) {
        java.util.Set<String> s = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(java.util.List.of(names));
        return java.util.Collections.unmodifiableSet(s);
    }
}

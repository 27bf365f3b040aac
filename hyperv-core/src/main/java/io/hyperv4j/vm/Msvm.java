package io.hyperv4j.vm;

/** Names from root\virtualization\v2 used by the VM API (MSDOCS HyperV_v2). */
public final class Msvm {
    private Msvm() {}

    /** The Hyper-V WMI namespace. */
    public static final String NAMESPACE = "root\\virtualization\\v2";

    /** A VM, or the host itself. */
    public static final String COMPUTER_SYSTEM = "Msvm_ComputerSystem";
    /** The service whose methods define, modify and destroy VMs. */
    public static final String MANAGEMENT_SERVICE = "Msvm_VirtualSystemManagementService";
    /** A VM's (or checkpoint's) settings. */
    public static final String SYSTEM_SETTING_DATA = "Msvm_VirtualSystemSettingData";
    /** Association from a VM to its current settings. */
    public static final String SETTINGS_DEFINE_STATE = "Msvm_SettingsDefineState";
    /** Association from settings to their resource settings. */
    public static final String SETTING_DATA_COMPONENT = "Msvm_VirtualSystemSettingDataComponent";
    /** A VM's processor settings. */
    public static final String PROCESSOR_SETTING_DATA = "Msvm_ProcessorSettingData";
    /** A VM's memory settings. */
    public static final String MEMORY_SETTING_DATA = "Msvm_MemorySettingData";
    /** The guest shutdown integration component. */
    public static final String SHUTDOWN_COMPONENT = "Msvm_ShutdownComponent";
    /** Association from a VM to its devices and components. */
    public static final String SYSTEM_DEVICE = "Msvm_SystemDevice";
    /** A job a method started (ReturnValue 4096). */
    public static final String CONCRETE_JOB = "Msvm_ConcreteJob";

    /** VirtualSystemSubType of a generation 1 / 2 VM; the generation is the last digit. */
    public static final String SUBTYPE_PREFIX = "Microsoft:Hyper-V:SubType:";

    /** Msvm_ComputerSystem.RequestStateChange RequestedState values (requeststatechange-msvm-computersystem). */
    public static final int REQUEST_ENABLED = 2;
    /** RequestedState 3 Disabled: turn off. */
    public static final int REQUEST_DISABLED = 3;
    /** RequestedState 6 Offline: save. */
    public static final int REQUEST_OFFLINE = 6;
    /** RequestedState 9 Quiesce: pause. */
    public static final int REQUEST_QUIESCE = 9;
    /** RequestedState 11 Reset. */
    public static final int REQUEST_RESET = 11;
}

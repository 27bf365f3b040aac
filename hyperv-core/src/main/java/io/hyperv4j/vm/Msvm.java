package io.hyperv4j.vm;

/** Names from root\virtualization\v2 used by the VM API (MSDOCS HyperV_v2). */
public final class Msvm {
    private Msvm() {}

    public static final String NAMESPACE = "root\\virtualization\\v2";

    public static final String COMPUTER_SYSTEM = "Msvm_ComputerSystem";
    public static final String MANAGEMENT_SERVICE = "Msvm_VirtualSystemManagementService";
    public static final String SYSTEM_SETTING_DATA = "Msvm_VirtualSystemSettingData";
    public static final String SETTINGS_DEFINE_STATE = "Msvm_SettingsDefineState";
    public static final String SETTING_DATA_COMPONENT = "Msvm_VirtualSystemSettingDataComponent";
    public static final String PROCESSOR_SETTING_DATA = "Msvm_ProcessorSettingData";
    public static final String MEMORY_SETTING_DATA = "Msvm_MemorySettingData";
    public static final String SHUTDOWN_COMPONENT = "Msvm_ShutdownComponent";
    public static final String SYSTEM_DEVICE = "Msvm_SystemDevice";
    public static final String CONCRETE_JOB = "Msvm_ConcreteJob";

    /** VirtualSystemSubType of a generation 1 / 2 VM; the generation is the last digit. */
    public static final String SUBTYPE_PREFIX = "Microsoft:Hyper-V:SubType:";

    /** Msvm_ComputerSystem.RequestStateChange RequestedState values (requeststatechange-msvm-computersystem). */
    public static final int REQUEST_ENABLED = 2;
    public static final int REQUEST_DISABLED = 3;
    public static final int REQUEST_OFFLINE = 6;
    public static final int REQUEST_QUIESCE = 9;
    public static final int REQUEST_RESET = 11;
}

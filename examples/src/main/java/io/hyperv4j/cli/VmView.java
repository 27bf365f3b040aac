package io.hyperv4j.cli;

/** VMs as the Hyper-V PowerShell module shows them (Get-VM's VirtualMachine objects). */
final class VmView {
    private VmView() {}

    /**
     * The PowerShell VMState name for an Msvm_ComputerSystem.EnabledState, decoded tolerantly
     * (wmi-facts A.1: 6 and 32769 saved, 9 and 32768 paused, 327xx transitional).
     */
    static String stateName(long enabledState) {
        return switch ((int) enabledState) {
            case 2 -> "Running";
            case 3 -> "Off";
            case 4, 32774 -> "Stopping";
            case 6, 32769 -> "Saved";
            case 9, 32768 -> "Paused";
            case 10, 32770 -> "Starting";
            case 11 -> "Reset";
            case 32773 -> "Saving";
            case 32776 -> "Pausing";
            case 32777 -> "Resuming";
            case 32779 -> "FastSaved";
            case 32780 -> "FastSaving";
            default -> "Other";
        };
    }
}

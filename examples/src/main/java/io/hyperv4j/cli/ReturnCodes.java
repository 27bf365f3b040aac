package io.hyperv4j.cli;

/** Names of the Hyper-V method return codes, for messages. */
final class ReturnCodes {
    private ReturnCodes() {}

    /**
     * " (Invalid state for this operation)" for 32775, "" when unknown. The 32768-32778 family
     * (RequestStateChange, MigrateVirtualSystemToHost) and the CIM family 1-6 (DefineSystem,
     * CreateSnapshot) as Microsoft documents them.
     */
    static String describe(long code) {
        String name = switch ((int) code) {
            case 1 -> "Not Supported";
            case 2 -> "Failed";
            case 3 -> "Timeout";
            case 4 -> "Invalid Parameter";
            case 5 -> "Invalid State";
            case 6 -> "Invalid Type";
            case 32768 -> "Failed";
            case 32769 -> "Access Denied";
            case 32770 -> "Not Supported";
            case 32771 -> "Status is unknown";
            case 32772 -> "Timeout";
            case 32773 -> "Invalid parameter";
            case 32774 -> "System is in use";
            case 32775 -> "Invalid state for this operation";
            case 32776 -> "Incorrect data type";
            case 32777 -> "System is not available";
            case 32778 -> "Out of memory";
            default -> null;
        };
        return code != (int) code || name == null ? "" : " (" + name + ")";
    }
}

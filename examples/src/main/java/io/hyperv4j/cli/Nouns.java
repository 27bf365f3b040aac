package io.hyperv4j.cli;

import java.util.List;

/**
 * The tool's nouns by name: a table rather than a {@link java.util.ServiceLoader} scan, so a command
 * reads no service file and constructs only its own noun (each noun builds its verbs' usage when
 * made). To add a noun, add its name to {@link #NAMES} and a case to {@link #create}.
 */
final class Nouns {
    /** Every noun's name, in the order {@code hyperv help} lists them. */
    static final List<String> NAMES = List.of("backup", "checkpoint", "cim", "cluster", "counter", "fault", "job", "lab",
            "monitor", "storage", "switch", "tour", "vhd", "vm", "vmm", "vss");

    private Nouns() {}

    /** The noun named {@code name} (one of {@link #NAMES}), newly made. */
    static NounCommand create(String name) {
        return switch (name) {
            case "backup" -> new BackupNoun();
            case "checkpoint" -> new CheckpointNoun();
            case "cim" -> new CimNoun();
            case "cluster" -> new ClusterNoun();
            case "counter" -> new CounterNoun();
            case "fault" -> new FaultNoun();
            case "job" -> new JobNoun();
            case "lab" -> new LabNoun();
            case "monitor" -> new MonitorNoun();
            case "storage" -> new StorageNoun();
            case "switch" -> new SwitchNoun();
            case "tour" -> new TourNoun();
            case "vhd" -> new VhdNoun();
            case "vm" -> new VmNoun();
            case "vmm" -> new VmmNoun();
            case "vss" -> new VssNoun();
            default -> throw new IllegalArgumentException("no noun named '" + name + "'");
        };
    }
}

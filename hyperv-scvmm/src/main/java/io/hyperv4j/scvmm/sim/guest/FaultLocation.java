package io.hyperv4j.scvmm.sim.guest;

import io.hyperv4j.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a fault is injected: the rows of seed 001's Table 5-1, plus the power-off of its section 5
 * experiment. A host fault needs a host, a guest fault a VM.
 */
public enum FaultLocation {
    /** A processor fails: the host stops. */
    CPU(Scope.HOST, "Hardware", "CPU"),
    /** The internal disk holding the host OS fails: the host OS stops. */
    INTERNAL_DISK(Scope.HOST, "Hardware", "Internal HDD (host OS area)"),
    /** Memory fails: the host stops. */
    MEMORY(Scope.HOST, "Hardware", "Memory"),
    /** The power-supply unit fails: the host loses power. */
    POWER_SUPPLY(Scope.HOST, "Hardware", "Power-supply unit"),
    /** The RAID board fails: the host OS loses its disk. */
    RAID_BOARD(Scope.HOST, "Hardware", "RAID board"),
    /** The LAN board fails: the host keeps running, cut off from every network. */
    LAN_BOARD(Scope.HOST, "Hardware", "LAN board"),
    /** The motherboard fails: the host stops. */
    MOTHERBOARD(Scope.HOST, "Hardware", "Motherboard"),
    /** The power button turns the host off (section 5's experiment). */
    POWER_OFF(Scope.HOST, "Hardware", "Power-off"),
    /** The host OS stops. */
    HOST_OS(Scope.HOST, "Software (host)", "Host OS"),
    /** The hypervisor stops, and the host with it. */
    HYPERVISOR(Scope.HOST, "Software (host)", "Hyper-V hypervisor"),
    /** The guest runs out of resources. */
    RESOURCE_SHORTAGE(Scope.VM, "Software (guest)", "Resource shortage"),
    /** The guest OS fails: a crash, or a hang that still answers the host's heartbeat. */
    GUEST_OS(Scope.VM, "Software (guest)", "Guest OS"),
    /** The monitored application (service) stops. */
    APPLICATION(Scope.VM, "Software (guest)", "Application / service");

    /** What a fault is injected into. */
    public enum Scope {
        /** A host. */
        HOST,
        /** A VM's guest. */
        VM
    }

    private final Scope scope;
    private final String category;
    private final String label;

    FaultLocation(Scope scope, String category, String label) {
        this.scope = scope;
        this.category = category;
        this.label = label;
    }

    /**
     * What the fault is injected into.
     *
     * @return host or VM
     */
    public Scope scope() {
        return scope;
    }

    /**
     * Table 5-1's category.
     *
     * @return the category
     */
    public String category() {
        return category;
    }

    /**
     * Table 5-1's row label.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The command-line name: lower case with dashes (power-supply, lan-board).
     *
     * @return the name
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A location by its command-line or enum name.
     *
     * @param name the name
     * @return the location
     * @throws InvalidParameterException naming the known locations when it is none
     */
    public static FaultLocation parse(String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (FaultLocation l : values()) if (l.name().equals(n)) return l;
        throw new InvalidParameterException("unknown fault location '" + name + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(FaultLocation::cliName).toList()));
    }
}

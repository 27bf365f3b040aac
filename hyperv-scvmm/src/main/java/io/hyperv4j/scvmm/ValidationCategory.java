package io.hyperv4j.scvmm;

/** The categories of a cluster validation report, as Test-Cluster groups its tests. */
public enum ValidationCategory {
    /** What the cluster is made of: its nodes and the storage they see. */
    INVENTORY("Inventory"),
    /** The cluster networks and the hosts' guest ports. */
    NETWORK("Network"),
    /** Shared storage every node sees, qualified for failover clustering. */
    STORAGE("Storage"),
    /** What running highly available VMs adds: storage qualified for Hyper-V clusters. */
    HYPER_V_CONFIGURATION("Hyper-V Configuration");

    private final String title;

    ValidationCategory(String title) {
        this.title = title;
    }

    /**
     * The category's title in a report, e.g. "Hyper-V Configuration".
     *
     * @return the title
     */
    public String title() {
        return title;
    }
}

package io.hyperv4j.scvmm;

/**
 * Why a migration method cannot move a VM to a host: the conditions seed 000 (Tables 2-1 and 5-1,
 * section 7.5) and seed 003 (section 5.2) name, each with the sentence a user reads.
 */
public enum MethodRefusal {
    /** The VM already runs on that host. */
    SAME_HOST("the VM already runs on that host"),
    /** The method moves a running VM; this one is not running. */
    VM_NOT_RUNNING("the method moves a running VM; this one is not running"),
    /** The VM's host is not a node of a failover cluster. */
    NOT_CLUSTERED("the VM's host is not a node of a failover cluster"),
    /** The destination is not a node of the VM's cluster. */
    NOT_IN_SAME_CLUSTER("the destination is not a node of the VM's cluster"),
    /** A host's operating system does not support the method. */
    PROFILE_TOO_OLD("a host's operating system does not support the method"),
    /** The hosts do not serve Msvm_VirtualSystemMigrationService. */
    NO_MIGRATION_SERVICE("the hosts do not serve Msvm_VirtualSystemMigrationService"),
    /** The VM's files are not on a SAN LU. */
    NOT_ON_SAN("the VM's files are not on a SAN LU"),
    /** Another VM is on the same LU; SAN transfer moves one VM per LU. */
    NOT_ALONE_ON_LU("another VM is on the same LU; SAN transfer moves one VM per LU"),
    /** The VM shares its cluster disk, and so its cluster role, with other VMs (seed 003, 2008 RTM): they move only together. */
    SHARES_ROLE("the VM shares its cluster disk, and so its cluster role, with other VMs; they move only together, by moving the role"),
    /** The destination's initiators are not cabled and zoned to the VM's array. */
    DESTINATION_NOT_ZONED("the destination's initiators are not cabled and zoned to the VM's array"),
    /** No VDS hardware provider supports the VM's array. */
    NO_HARDWARE_PROVIDER("no VDS hardware provider supports the VM's array"),
    /** The management server has no LU-mapping binding. */
    NO_LU_MAPPING_BINDING("the management server has no LU-mapping binding"),
    /** The destination has not enough free memory for the VM. */
    NOT_ENOUGH_MEMORY("the destination has not enough free memory for the VM"),
    /** The destination's VM folder has not enough free space for the VM's files. */
    NOT_ENOUGH_DISK("the destination's VM folder has not enough free space for the VM's files"),
    /** The destination has fewer logical processors than the VM has virtual processors. */
    NOT_ENOUGH_PROCESSORS("the destination has fewer logical processors than the VM has virtual processors");

    private final String text;

    MethodRefusal(String text) {
        this.text = text;
    }

    /**
     * The sentence a user reads.
     *
     * @return the text
     */
    public String text() {
        return text;
    }
}

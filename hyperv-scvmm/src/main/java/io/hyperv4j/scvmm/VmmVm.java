package io.hyperv4j.scvmm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A VM as the management server sees it (Get-SCVirtualMachine).
 *
 * @param fileBytes   its disks and checkpoints (what a network transfer copies while it runs)
 * @param configBytes its configuration file
 * @param lu          the SAN LU holding its files, as {@code ARRAY/LU}, if any
 * @param luNeighbours the other VMs on that LU (SAN transfer needs none)
 * @param roleMates   the other VMs of its cluster role (Windows Server 2008 RTM: VMs whose files share a
 *                    cluster disk share its role and move only together)
 */
public record VmmVm(String id, String name, String host, boolean running, int processors, long memoryMb,
                    long fileBytes, long configBytes, Optional<String> lu, List<String> luNeighbours,
                   List<String> roleMates) {
    /**
     * Requires id, name, host and lu; copies the neighbours.
     *
     * @param id           the VM's id
     * @param name         its name
     * @param host         its host
     * @param running      whether it runs
     * @param processors   its virtual processors
     * @param memoryMb     its memory
     * @param fileBytes    its disks and checkpoints
     * @param configBytes  its configuration file
     * @param lu           the SAN LU holding its files, if any
     * @param luNeighbours the other VMs on that LU
     * @param roleMates    the other VMs of its cluster role
     */
    public VmmVm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(lu, "lu");
        luNeighbours = List.copyOf(luNeighbours);
        roleMates = List.copyOf(roleMates);
    }

    /**
     * Its memory in bytes.
     *
     * @return the memory
     */
    public long memoryBytes() {
        return memoryMb << 20;
    }
}

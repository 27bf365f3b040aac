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
 */
public record VmmVm(String id, String name, String host, boolean running, int processors, long memoryMb,
                    long fileBytes, long configBytes, Optional<String> lu, List<String> luNeighbours) {
    public VmmVm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(lu, "lu");
        luNeighbours = List.copyOf(luNeighbours);
    }

    public long memoryBytes() {
        return memoryMb << 20;
    }
}

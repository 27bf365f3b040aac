package io.hyperv4j.scvmm;

import java.util.Objects;
import java.util.Optional;

/**
 * A host the management server manages (Get-SCVMHost): where it sits, what it has and what is free.
 *
 * @param cluster            the failover cluster it is a node of, if any
 * @param availableMemoryMb  memory not used by running VMs or the parent partition
 * @param cpuUtilization     processor use now, 0..1
 * @param freeDiskBytes      free space in its VM folder
 * @param networkBitsPerSecond its VM network's line rate
 * @param networkUtilization what of it is used now, 0..1
 */
public record VmmHost(String name, String hostGroup, Optional<String> cluster, HostOs os, boolean responding,
                      int logicalProcessors, long totalMemoryMb, long availableMemoryMb, double cpuUtilization,
                      long freeDiskBytes, double networkBitsPerSecond, double networkUtilization) {
    public VmmHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostGroup, "hostGroup");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(os, "os");
    }
}

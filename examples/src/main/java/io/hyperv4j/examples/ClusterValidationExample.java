package io.hyperv4j.examples;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.scvmm.StorageQualification;
import io.hyperv4j.scvmm.ValidationReport;
import io.hyperv4j.scvmm.ValidationTest;
import io.hyperv4j.scvmm.VirtualMachineManager;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.scvmm.sim.SanTemplates;
import io.hyperv4j.sim.Lab;
import java.util.List;

/**
 * Seed 003's storage compatibility scenario: seed 000's two hosts on their SAN array, clustered on
 * Windows Server 2008 (RTM), validated by the management server against the vendor's statement
 * (the array is supported in failover clusters from firmware 0850 and in Hyper-V clusters from 0893).
 * At 0890 the storage tests pass and the Hyper-V test fails; after the firmware update all pass.
 */
public final class ClusterValidationExample {
    private ClusterValidationExample() {}

    public static void main(String[] args) {
        List<StorageQualification> vendor = List.of(new StorageQualification("HITACHI", "AMS2300", "0850", "0893"));
        try (Lab lab = Lab.fromTemplate("seed000-vmm")) {
            ClusterLab.of(lab).create("hv-2008", "contoso.local", ClusterProfile.WS2008, "host1", "host2"); // lab set-up
            try (HyperVHost host1 = lab.connect("host1")) {
                VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
                print(vmm.validateCluster("host1", vendor));
                SanLab.of(lab).configure(SanTemplates.ARRAY).firmware("0893/A"); // the vendor's update, in the lab
                print(vmm.validateCluster("host1", vendor));
            }
        }
    }

    private static void print(ValidationReport r) {
        System.out.println("Validating " + r.cluster() + ":");
        for (ValidationTest t : r.tests()) {
            System.out.printf("  %-22s %-50s %s%n", t.category().title(), t.name(), t.result());
            if (t.result() != io.hyperv4j.scvmm.ValidationResult.SUCCESS) t.messages().forEach(m -> System.out.println("      " + m));
        }
        System.out.println(r.passed() ? "  passed" : "  failed");
    }
}

package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.scvmm.internal.ClusterValidator;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.scvmm.sim.SanTemplates;
import io.hyperv4j.sim.Lab;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 003, scenario 6: shared storage supported for Windows Server 2008 failover clusters but not
 * (at its firmware) for Hyper-V clusters fails the cluster validation for HA VMs, with the message
 * to check firmware and drivers with the vendor, while the storage tests pass. seed 000's two hosts
 * on their AMS2300, clustered on the 2008 RTM profile.
 */
class ClusterValidationTest {
    /** The vendor's statement: the AMS2300 in failover clusters from microcode 0850, in Hyper-V clusters from 0893. */
    static final List<StorageQualification> HITACHI = List.of(new StorageQualification("HITACHI", "AMS2300", "0850", "0893"));

    Lab lab;
    HyperVHost host1;
    VirtualMachineManager vmm;

    @BeforeEach
    void open() {
        lab = Lab.fromTemplate("seed000-vmm");
        ClusterLab.of(lab).create("hv-2008", "contoso.local", ClusterProfile.WS2008, "host1", "host2");
        host1 = lab.connect("host1");
        vmm = host1.capability(VirtualMachineManager.class);
    }

    @AfterEach
    void close() {
        host1.close();
        lab.close();
    }

    @Test
    void scenario6_storageForClustersButNotHyperVClustersFailsValidation() {
        String before = SanLab.of(lab).snapshot();
        ValidationReport r = vmm.validateCluster("host1", HITACHI);

        assertEquals("hv-2008", r.cluster());
        assertEquals(ValidationResult.SUCCESS, r.test(ClusterValidator.SHARED_STORAGE).result(), r.toString());
        assertEquals(ValidationResult.SUCCESS, r.test(ClusterValidator.CLUSTER_STORAGE).result(), r.toString());
        ValidationTest hv = r.test(ClusterValidator.HYPER_V_STORAGE);
        assertEquals(ValidationCategory.HYPER_V_CONFIGURATION, hv.category());
        assertEquals(ValidationResult.FAILED, hv.result());
        assertTrue(hv.messages().get(0).contains("HITACHI AMS2300 '" + SanTemplates.ARRAY + "' (firmware 0890/A-M) does not support Hyper-V clusters before firmware 0893")
                && hv.messages().get(0).contains("check firmware and drivers with the vendor"), hv.messages().toString());
        assertFalse(r.passed());
        assertEquals(List.of(hv), r.failures());
        assertEquals(before, SanLab.of(lab).snapshot(), "validating changes nothing");

        SanLab.of(lab).configure(SanTemplates.ARRAY).firmware("0893/A");
        ValidationReport after = vmm.validateCluster("host2", HITACHI);
        assertTrue(after.passed(), after.toString());
        assertEquals(List.of("host1: " + "HITACHI AMS2300 '" + SanTemplates.ARRAY + "' (firmware 0893/A)", "host2: HITACHI AMS2300 '" + SanTemplates.ARRAY + "' (firmware 0893/A)"),
                after.test(ClusterValidator.LIST_STORAGE).messages());
    }

    @Test
    void storageNoVendorStatementCoversFailsBothStorageTests() {
        ValidationReport r = vmm.validateCluster("host1", List.of());
        assertEquals(List.of(ClusterValidator.CLUSTER_STORAGE, ClusterValidator.HYPER_V_STORAGE), r.failures().stream().map(ValidationTest::name).toList());
        assertTrue(r.failures().get(0).messages().get(0).contains("is in no vendor support statement given"), r.toString());
    }

    @Test
    void aNodeThatDoesNotSeeTheArrayFailsSharedStorage() {
        SanLab san = SanLab.of(lab);
        san.link("host2", SanTemplates.HOST2_HBA0, SanTemplates.ARRAY, "0A", false);
        san.link("host2", SanTemplates.HOST2_HBA1, SanTemplates.ARRAY, "1A", false);
        ValidationTest shared = vmm.validateCluster("host1", HITACHI).test(ClusterValidator.SHARED_STORAGE);
        assertEquals(ValidationResult.FAILED, shared.result());
        assertTrue(shared.messages().get(0).startsWith("host2 does not see "), shared.messages().toString());
    }

    @Test
    void firmwareVersionsCompareByTheirNumbers() {
        assertTrue(StorageQualification.atLeast("0893/A", "0893"));
        assertTrue(StorageQualification.atLeast("06.70.17.60", "06.70"));
        assertFalse(StorageQualification.atLeast("0890/A-M", "0893"));
        assertFalse(StorageQualification.atLeast("06.17.77", "06.70"));
        assertFalse(StorageQualification.atLeast("9999", null), "no statement: not supported");
    }
}

package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ISO media in a generation 1 VM's DVD drive: inserted and ejected through the resource methods, refused as documented. */
class DvdMediaTest {
    private static final String MEDIA = "SELECT * FROM Msvm_StorageAllocationSettingData WHERE ResourceSubType = 'Microsoft:Hyper-V:Virtual CD/DVD Disk'";
    @TempDir Path dir;

    private static MethodResult insert(CimSession s, ObjectPath svc, ObjectPath vssd, ObjectPath drive, Path iso) {
        CimInstance media = CimInstance.builder("Msvm_StorageAllocationSettingData").put("ResourceType", CimValue.uint16(31))
                .put("ResourceSubType", CimValue.string("Microsoft:Hyper-V:Virtual CD/DVD Disk")).put("Parent", CimValue.string(drive.toString()))
                .put("HostResource", CimValue.strings(List.of(iso.toString()))).build();
        return s.invoke(svc, "AddResourceSettings", Map.of("AffectedConfiguration", CimValue.ref(vssd),
                "ResourceSettings", CimValue.array(CimType.STRING, List.of(media.toString()))));
    }

    private static MethodResult eject(CimSession s, ObjectPath svc, ObjectPath media) {
        return s.invoke(svc, "RemoveResourceSettings", Map.of("ResourceSettings", CimValue.array(CimType.REFERENCE, List.of(media))));
    }

    /** Refused as Windows refuses: a job that fails with 32773 Invalid parameter, saying why. */
    private static void refused(V2Fixture f, MethodResult r, String why) {
        assertEquals(4096, r.returnValue());
        CimInstance job = f.job(r);
        assertEquals(10L, job.getLong("JobState"));
        assertEquals(32773L, job.getLong("ErrorCode"));
        org.junit.jupiter.api.Assertions.assertTrue(job.getString("ErrorDescription").contains(why), job.getString("ErrorDescription"));
    }

    @Test
    void insertEjectAndRefusals() throws Exception {
        Path iso = Files.writeString(dir.resolve("setup.iso"), "CD001");
        Path other = Files.writeString(dir.resolve("tools.iso"), "CD001");
        try (V2Fixture f = new V2Fixture()) {
            // generation 1: New-VM's empty DVD drive on IDE 1:0
            ObjectPath vm = f.lab.connect(V2Fixture.HOST).vms().create(io.hyperv4j.vm.VmSpec.builder("legacy").generation(1).build()).path();
            String id = (String) vm.key("Name");
            ObjectPath vssd = V2.settings(V2Fixture.HOST, id);
            f.requestState(vm, 2);
            f.settle();
            CimInstance drive = f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ResourceAllocationSettingData WHERE ResourceType = 16").stream()
                    .filter(r -> String.valueOf(r.get("InstanceID").value()).contains(id)).findFirst().orElseThrow();
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, MEDIA));

            // missing file, and a Parent that is not a DVD drive: refused, nothing inserted
            refused(f, insert(f.session, f.service(), vssd, drive.path(), dir.resolve("none.iso")), "does not exist");
            refused(f, insert(f.session, f.service(), vssd, vssd, iso), "names no DVD drive");
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, MEDIA));

            MethodResult in = insert(f.session, f.service(), vssd, drive.path(), iso); // while running, as Set-VMDvdDrive does
            assertEquals(0, in.returnValue());
            ObjectPath media = (ObjectPath) in.get("ResultingResourceSettings").asList().get(0);
            CimInstance read = f.session.get(media);
            assertEquals(31L, read.getLong("ResourceType"));
            assertEquals(List.of(iso.toString()), read.get("HostResource").asList());
            assertEquals(drive.path(), ObjectPath.parse(read.getString("Parent")));
            refused(f, insert(f.session, f.service(), vssd, drive.path(), other), "already holds");
            assertEquals(List.of(iso.toString()), f.session.get(media).get("HostResource").asList());

            // saved with the lab
            Path file = dir.resolve("lab.json");
            f.lab.save(file);
            try (CimSession back = Lab.load(file).session(V2Fixture.HOST)) {
                assertEquals(List.of(iso.toString()), back.get(media).get("HostResource").asList());
            }

            assertEquals(0, eject(f.session, f.service(), media).returnValue());
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, MEDIA));
            refused(f, eject(f.session, f.service(), media), "holds no media");
            assertEquals(0, insert(f.session, f.service(), vssd, drive.path(), other).returnValue(), "another disc after the eject");
        }
    }
}

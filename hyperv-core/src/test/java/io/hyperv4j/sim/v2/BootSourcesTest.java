package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generation 2 VM's boot sources follow its devices, and ModifySystemSettings reorders them. */
class BootSourcesTest {
    @TempDir Path dir;

    private static CimInstance settings(V2Fixture f, VirtualMachine vm) {
        return f.session.get(V2.settings(V2Fixture.HOST, vm.id()));
    }

    private static List<String> order(V2Fixture f, VirtualMachine vm) {
        List<String> out = new ArrayList<>();
        for (Object o : settings(f, vm).get("BootSourceOrder").asList()) out.add((String) o);
        return out;
    }

    private static MethodResult reorder(V2Fixture f, VirtualMachine vm, List<String> order) {
        CimInstance sent = settings(f, vm).toBuilder().put("BootSourceOrder", CimValue.strings(order)).build();
        return f.session.invoke(f.service(), "ModifySystemSettings", Map.of("SystemSettings", CimValue.object(sent)));
    }

    @Test
    void sourcesFollowTheDevicesAndTheirOrderChanges() {
        try (V2Fixture f = new V2Fixture()) {
            HyperVHost host = f.lab.connect(V2Fixture.HOST);
            VirtualMachine vm = host.vms().create(VmSpec.builder("g2").build()); // New-VM's network adapter
            Path disk = host.disks().create(dir.resolve("os.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 8 << 20)).await();
            vm.hardDisks().attach(disk, ControllerType.SCSI);

            List<String> order = order(f, vm);
            assertEquals(2, order.size(), "a drive and an adapter: " + order);
            CimInstance drive = f.session.get(ObjectPath.parse(order.get(0)));
            CimInstance network = f.session.get(ObjectPath.parse(order.get(1)));
            assertEquals(1L, drive.getLong("BootSourceType"));
            assertEquals(disk.toString(), drive.getString("OtherLocation"));
            assertEquals(2L, network.getLong("BootSourceType"));
            // the VM's settings reach the sources, and each source its device settings
            ObjectPath vssd = V2.settings(V2Fixture.HOST, vm.id());
            assertEquals(2, f.session.associators(vssd, "Msvm_BootSourceComponent", "Msvm_BootSourceSettingData").size());
            List<CimInstance> device = f.session.associators(network.path(), "Msvm_LogicalIdentity", null);
            assertEquals(1, device.size());
            assertEquals("Msvm_SyntheticEthernetPortSettingData", device.get(0).className());

            // network first, read back
            assertEquals(0, reorder(f, vm, List.of(order.get(1), order.get(0))).returnValue());
            assertEquals(List.of(order.get(1), order.get(0)), order(f, vm));

            // an unknown reference and a repeated one are refused, nothing changes
            String unknown = V2.path(V2Fixture.HOST, "Msvm_BootSourceSettingData", "InstanceID", "Microsoft:" + vm.id() + "\\Nothing\\Boot").toString();
            for (List<String> bad : List.of(List.of(unknown), List.of(order.get(0), order.get(0)))) {
                MethodResult r = reorder(f, vm, bad);
                assertEquals(4096, r.returnValue());
                CimInstance job = f.job(r);
                assertEquals(10L, job.getLong("JobState"), bad.toString());
                assertEquals(32773L, job.getLong("ErrorCode"));
                assertTrue(job.getString("ErrorDescription").contains("BootSourceOrder"), job.getString("ErrorDescription"));
                assertEquals(List.of(order.get(1), order.get(0)), order(f, vm));
            }

            // a new adapter's source comes last; a removed adapter's source goes
            vm.networkAdapters().add("second", false, null);
            List<String> three = order(f, vm);
            assertEquals(3, three.size());
            assertEquals(List.of(order.get(1), order.get(0)), three.subList(0, 2));
            vm.networkAdapters().remove("second");
            assertEquals(List.of(order.get(1), order.get(0)), order(f, vm));
        }
    }

    @Test
    void generationOneHasNoSources() {
        try (V2Fixture f = new V2Fixture()) {
            VirtualMachine vm = f.lab.connect(V2Fixture.HOST).vms().create(VmSpec.builder("g1").generation(1).build());
            assertEquals(List.of(), order(f, vm));
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_BootSourceSettingData"));
        }
    }
}

package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.v2.V2;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 20,000 VMs on 1,000 hosts: the model indexes them, so key lookups and per-host scans stay cheap. */
class ScaleTest {

    @Test
    void twentyThousandVmsOnAThousandHosts() {
        Lab.Builder b = Lab.builder().seed(3);
        for (int h = 0; h < 1000; h++) b.host(String.format("HV%04d", h), 32, 262144);
        Lab lab = b.build();
        List<String> ids = new ArrayList<>();
        lab.write(Duration.ofSeconds(30), txn -> {
            for (SimHost h : lab.hosts())
                for (int i = 0; i < 20; i++) ids.add(lab.createVm(txn, h, h.name() + "-vm" + i).id());
            return null;
        });
        assertEquals(20000, lab.vmCount());
        SimVm sample = lab.vm(ids.get(12345));
        try (CimSession s = lab.session(sample.host().name())) {
            ObjectPath p = V2.computerSystem(sample.host().name(), sample.id());
            for (int i = 0; i < 1000; i++) assertEquals(sample.name(), s.get(p).getString("ElementName"));
            for (int i = 0; i < 50; i++)
                assertEquals(20, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'").size());
            assertEquals(1, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualSystemSettingData WHERE ElementName = '"
                    + sample.name() + "'").size());
        }
    }
}

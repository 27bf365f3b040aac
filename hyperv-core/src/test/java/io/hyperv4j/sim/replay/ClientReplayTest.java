package io.hyperv4j.sim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimNetworkAdapter;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 11: the call sequences of real Hyper-V clients (os-win, libvirt's Hyper-V driver), recorded
 * from their source as data in src/test/resources/replay, replayed against a lab through the CIM
 * layer. Every step must succeed, and every property the client reads must be there with a value.
 */
class ClientReplayTest {
    private static final Logger LOG = LoggerFactory.getLogger(ClientReplayTest.class);

    @ParameterizedTest
    @ValueSource(strings = {"os-win.jsonl", "os-win-migration.jsonl", "libvirt-hyperv.jsonl"})
    void everyStepOfTheClientSucceeds(String script, @TempDir Path dir) throws Exception {
        Map<String, CimSession> sessions = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try (Lab lab = Lab.builder().seed(11).host("HV01", 16, 65536).host("HV02", 16, 65536).build();
             InputStream in = ClientReplayTest.class.getResourceAsStream("/replay/" + script)) {
            lab.addNetworkAdapter("HV01", new SimNetworkAdapter("Intel(R) Ethernet 10G", 10_000_000_000L, ""));
            defaultSwitch(sessions.computeIfAbsent("HV01", lab::session));
            List<Replay.Outcome> outcomes;
            try {
                outcomes = new Replay(lab, host -> sessions.computeIfAbsent(host, lab::session), "HV01", dir).run(Replay.steps(in));
            } finally {
                sessions.values().forEach(CimSession::close);
            }
            long passed = outcomes.stream().filter(Replay.Outcome::passed).count();
            LOG.info("{}: {} of {} steps pass", script, passed, outcomes.size());
            List<String> failed = outcomes.stream().filter(o -> !o.passed())
                    .map(o -> script + ":" + o.line() + " " + o.what() + " [" + o.source() + "] " + o.failure()).toList();
            failed.forEach(LOG::info);
            assertEquals(List.of(), failed);
        }
    }

    /** The host's "Default Switch" (an internal switch every Windows 10/Server host with Hyper-V has). */
    private static void defaultSwitch(CimSession s) {
        var svc = s.query("root\\virtualization\\v2", "SELECT * FROM Msvm_VirtualEthernetSwitchManagementService").get(0).path();
        CimInstance port = CimInstance.builder("Msvm_EthernetPortAllocationSettingData").put("HostResource", CimValue.strings(List.of(
                s.query("root\\virtualization\\v2", "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Hosting Computer System'").get(0).path().toString())))
                .build();
        assertEquals(0, s.invoke(svc, "DefineSystem", Map.of("SystemSettings", CimValue.string(CimInstance.builder("Msvm_VirtualEthernetSwitchSettingData")
                .put("ElementName", CimValue.string("Default Switch")).build().toString()),
                "ResourceSettings", CimValue.array(io.hyperv4j.cim.CimType.STRING, List.of(port.toString())))).returnValue());
    }
}

package io.hyperv4j.wsman.bench;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.V2;
import io.hyperv4j.wsman.ServedLab;
import io.hyperv4j.wsman.WsmanTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * WS-Management on loopback against a simulated host served in the same JVM: one enumeration of
 * all VMs (1,000 by default: several Pulls of 100), and one method invocation (GetSummaryInformation
 * for one VM). Run: {@code bench/jmh hyperv-core WsmanBenchmark} (figures in hyperv-core/docs/wsman-transport.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class WsmanBenchmark {
    @Param({"1000"})
    int vms;
    @Param({"false", "true"})
    boolean tls;

    private ServedLab served;
    private CimSession session;
    private ObjectPath oneVm;

    @Setup(Level.Trial)
    public void serve() throws Exception {
        Path dir = Files.createTempDirectory("hyperv4j-wsman-bench");
        Lab lab = Lab.standalone();
        for (int i = 0; i < vms; i++) {
            String name = "bench-" + i;
            lab.write(Duration.ofSeconds(10), txn -> lab.createVm(txn, lab.host(Lab.DEFAULT_HOST), name));
        }
        served = ServedLab.serve(lab, tls, dir);
        Files.deleteIfExists(dir);
        session = new WsmanTransport().open(served.uri(), Optional.of(ServedLab.credentials()), Duration.ofSeconds(60));
        oneVm = enumerate().get(0).path();
    }

    @TearDown(Level.Trial)
    public void stop() {
        session.close();
        served.close();
    }

    @Benchmark
    public List<CimInstance> enumerate() {
        return session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'");
    }

    @Benchmark
    public long invoke() {
        return session.invoke(V2.managementService(Lab.DEFAULT_HOST), "GetSummaryInformation",
                Map.of("SettingData", CimValue.array(io.hyperv4j.cim.CimType.REFERENCE,
                        List.of(ObjectPath.of(V2.NAMESPACE, V2.VSSD, Map.of("InstanceID", "Microsoft:" + oneVm.key("Name"))))),
                        "RequestedInformation", CimValue.array(io.hyperv4j.cim.CimType.UINT32, List.of(1L)))).returnValue();
    }
}

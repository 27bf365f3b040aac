package io.hyperv4j.scvmm;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's probe: pings the VM every {@link #INTERVAL} of lab time; a ping is lost while the VM
 * is not running. {@link #outage()} is the lost pings' time, {@link #hosts()} where it answered from.
 */
final class Pinger {
    static final Duration INTERVAL = Duration.ofMillis(100);
    private final Lab lab;
    private final String vmId;
    private volatile boolean stopped;
    private long lost;
    private final List<String> hosts = new ArrayList<>();

    private Pinger(Lab lab, String vmId) {
        this.lab = lab;
        this.vmId = vmId;
    }

    static Pinger start(Lab lab, String vmId) {
        Pinger p = new Pinger(lab, vmId);
        p.schedule(lab.clock().now());
        return p;
    }

    private void schedule(Instant at) {
        lab.clock().scheduleAt(at.plus(INTERVAL), t -> {
            if (stopped) return;
            SimVm vm = lab.read(Duration.ofMinutes(1), () -> lab.vm(vmId));
            synchronized (this) {
                if (vm.state() != PowerState.RUNNING) lost++;
                else if (hosts.isEmpty() || !hosts.get(hosts.size() - 1).equals(vm.host().name())) hosts.add(vm.host().name());
            }
            schedule(t);
        });
    }

    synchronized Duration stop() {
        stopped = true;
        return outage();
    }

    synchronized Duration outage() {
        return INTERVAL.multipliedBy(lost);
    }

    synchronized List<String> hosts() {
        return List.copyOf(hosts);
    }
}

package io.hyperv4j.examples.monitor;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.Subscription;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterType;
import io.hyperv4j.perf.judge.AlarmManager;
import io.hyperv4j.perf.judge.HostFacts;
import io.hyperv4j.perf.judge.ThresholdRules;
import io.hyperv4j.perf.sampler.SampleView;
import io.hyperv4j.scvmm.monitor.Alarm;
import io.hyperv4j.scvmm.monitor.Firing;
import io.hyperv4j.scvmm.monitor.MonitorAction;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The perf module's threshold alarms feed the same table: a memory alarm on host1 live-migrates the VM and runs a Java callback. */
class ThresholdFeedTest {

    /** One sample of host1's Available MBytes. */
    record Sample(long timestampMillis, double available) implements SampleView {
        static final CounterPath PATH = CounterPath.parse("\\\\host1\\Memory\\Available MBytes");
        @Override public int size() { return 1; }
        @Override public CounterPath path(int i) { return PATH; }
        @Override public CounterType type(int i) { return CounterType.PERF_COUNTER_RAWCOUNT; }
        @Override public double value(int i) { return available; }
        @Override public int status(int i) { return 0; }
        @Override public long rawValue(int i) { return (long) available; }
        @Override public long secondValue(int i) { return 0; }
    }

    @Test
    void aThresholdAlarmFiresItsBoundActionsAndRecoversWithTheAlarm() {
        try (MonitoredCluster m = new MonitoredCluster(9, false, false)) {
            AlarmManager alarms = new AlarmManager(ThresholdRules.of(List.of(ThresholdRules.parse("mem.low \\Memory\\Available MBytes <= 500 critical"))),
                    host -> new HostFacts(host, 16384, 1_000_000_000L), 2, 1, 0.1);
            Subscription feed = m.table().feed(alarms, Seed001.VM, "mem.low");
            List<Firing> called = new ArrayList<>();
            m.table().bind("mem.low", Seed001.VM, new MonitorAction.Callback("note", called::add), false);
            m.table().bind("mem.low", Seed001.VM, new MonitorAction.Migrate(io.hyperv4j.cluster.MigrationType.LIVE), true);

            alarms.onSample(new Sample(m.now().toEpochMilli(), 300));
            assertFalse(m.table().alarms().get(0).abnormal(), "one breaching sample is not enough (raiseAfter 2)");
            alarms.onSample(new Sample(m.now().toEpochMilli(), 250));
            Alarm raised = m.table().alarms().get(0);
            assertTrue(raised.abnormal());
            assertEquals(Alarm.Source.THRESHOLD, raised.source());
            m.run(Duration.ofMinutes(3));

            assertEquals(1, called.size());
            assertEquals("host1", called.get(0).owner());
            assertEquals(2, m.events(MonitorEvent.Kind.ACTION_SUCCEEDED).size(), m.table().history().toString());
            assertEquals("host2", m.server().owner(Seed001.VM).orElseThrow(), "live-migrated off the starved host");

            alarms.onSample(new Sample(m.now().toEpochMilli(), 9000));
            assertEquals(1, m.events(MonitorEvent.Kind.RECOVERED).size());
            feed.close();
            alarms.onSample(new Sample(m.now().toEpochMilli(), 100));
            alarms.onSample(new Sample(m.now().toEpochMilli(), 100));
            assertFalse(m.table().alarms().get(0).abnormal(), "a closed feed changes nothing");
        }
    }
}

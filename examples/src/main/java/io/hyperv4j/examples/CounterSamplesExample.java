package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.perf.sampler.CounterSample;
import io.hyperv4j.perf.sampler.CounterSampleSet;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.source.CounterSource;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Ten samples of a host's counters, one a second: the host gives its own counter source (a
 * simulated host's model, PDH on this Windows machine, WMI raw classes on a remote one).
 */
public final class CounterSamplesExample {
    private CounterSamplesExample() {}

    public static void main(String[] args) {
        URI uri = URI.create(args.length > 0 ? args[0] : "sim:template:standalone");
        try (HyperVHost host = HyperV.connect(uri)) {
            CounterSource counters = host.capability(CounterSource.class);
            List<CounterSampleSet> samples = CounterSampler.builder().source(counters)
                    .counters("\\Memory\\Available MBytes", "\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time")
                    .interval(Duration.ofSeconds(1)).samples(10).build().run();
            for (CounterSampleSet set : samples) {
                StringBuilder line = new StringBuilder(set.timestamp().toString());
                for (CounterSample s : set.counterSamples())
                    line.append(String.format("  %s = %.2f", s.path().counter(), s.cookedValue()));
                System.out.println(line);
            }
            System.out.println(samples.size() + " samples from " + counters.host());
        }
    }
}

package io.hyperv4j.perf.sampler;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest collection, read in place: valid only during a listener's callback, so streaming
 * allocates nothing. {@link #toSampleSet()} copies it out.
 */
public interface SampleView {
    long timestampMillis();

    int size();

    CounterPath path(int i);

    CounterType type(int i);

    /** The cooked value, NaN when {@link #status(int)} is not valid. */
    double value(int i);

    int status(int i);

    long rawValue(int i);

    long secondValue(int i);

    default CounterSampleSet toSampleSet() {
        Instant t = Instant.ofEpochMilli(timestampMillis());
        List<CounterSample> l = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            l.add(new CounterSample(path(i), path(i).instanceName(), value(i), rawValue(i), secondValue(i), type(i), status(i), t));
        }
        return new CounterSampleSet(t, l);
    }
}

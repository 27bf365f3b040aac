package io.hyperv4j.perf.sampler;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest collection, read in place: valid only during a listener's callback, so streaming
 * allocates nothing. {@link #toSampleSet()} copies it out. Read it only from the callback's thread.
 * Index {@code i} is a counter's position in the sampler's counter order.
 */
public interface SampleView {
    /**
     * The collection's time.
     *
     * @return milliseconds since the Unix epoch
     */
    long timestampMillis();

    /**
     * The number of counters.
     *
     * @return the count
     */
    int size();

    /**
     * A counter's path.
     *
     * @param i the counter's index
     * @return its full path
     */
    CounterPath path(int i);

    /**
     * A counter's type.
     *
     * @param i the counter's index
     * @return how its value is cooked
     */
    CounterType type(int i);

    /**
     * The cooked value, NaN when {@link #status(int)} is not valid.
     *
     * @param i the counter's index
     * @return the value
     */
    double value(int i);

    /**
     * A counter's PDH status.
     *
     * @param i the counter's index
     * @return 0 when valid, otherwise the PDH status
     */
    int status(int i);

    /**
     * A counter's raw FirstValue.
     *
     * @param i the counter's index
     * @return the raw value
     */
    long rawValue(int i);

    /**
     * A counter's raw SecondValue.
     *
     * @param i the counter's index
     * @return the raw value
     */
    long secondValue(int i);

    /**
     * Copies the collection into values that outlive the callback.
     *
     * @return the collection
     */
    default CounterSampleSet toSampleSet() {
        Instant t = Instant.ofEpochMilli(timestampMillis());
        List<CounterSample> l = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            l.add(new CounterSample(path(i), path(i).instanceName(), value(i), rawValue(i), secondValue(i), type(i), status(i), t));
        }
        return new CounterSampleSet(t, l);
    }
}

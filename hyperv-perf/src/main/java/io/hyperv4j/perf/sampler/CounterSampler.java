package io.hyperv4j.perf.sampler;

import io.hyperv4j.perf.CounterCatalog;
import io.hyperv4j.perf.CounterMath;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterType;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.PerfException;
import io.hyperv4j.perf.source.CounterDescriptor;
import io.hyperv4j.perf.source.CounterSource;
import io.hyperv4j.perf.source.HostUnavailableException;
import io.hyperv4j.perf.source.RawBatch;
import io.hyperv4j.perf.source.RawReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a set of counters on one or many hosts at a fixed interval, like Get-Counter: the first
 * collection primes the rate counters, then every interval yields one value per counter. Values
 * come from {@link CounterMath}; a counter that cannot be read is reported with its PDH status and
 * no value. A host that stops answering is reported down while the others go on being sampled.
 * <p>Use {@link #run()} for a finished list of sample sets, {@link #stream} for a listener, or
 * {@link #prime()} and {@link #tick()} to drive it yourself. Steady-state ticks allocate nothing.
 * The last {@code windowCapacity} values of each counter are kept for {@link #statistics}.
 * <p>One thread samples: call {@link #tick()} from one thread, or read statistics from a
 * stream's listener or after the stream ended, not while it runs elsewhere.
 */
public final class CounterSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CounterSampler.class);

    private final HostGroup[] groups;
    private final CounterPath[] paths;
    private final CounterType[] types;
    private final boolean[] twoSamples;
    private final double[] values;
    private final int[] statuses;
    private final long[] raw;
    private final long[] second;
    private final SamplingClock clock;
    private final long intervalMillis;
    private final long maxSamples;
    private final int flags;
    /** The window, slot-major: window[slot * n + k], so a tick writes one contiguous run. */
    private final double[] window;
    private final long[] windowTimes;
    private int windowNext;
    private int windowCount;
    private long timestampMillis;
    private long samplesTaken;
    private boolean primed;
    private final View view = new View();
    private volatile boolean closed;

    private CounterSampler(Builder b, List<HostGroup> groups, List<CounterDescriptor> all) {
        this.groups = groups.toArray(new HostGroup[0]);
        int n = all.size();
        paths = new CounterPath[n];
        types = new CounterType[n];
        twoSamples = new boolean[n];
        for (int i = 0; i < n; i++) {
            paths[i] = all.get(i).path();
            types[i] = all.get(i).type();
            twoSamples[i] = types[i].needsTwoSamples();
        }
        values = new double[n];
        statuses = new int[n];
        raw = new long[n];
        second = new long[n];
        clock = b.clock != null ? b.clock : b.sources.values().iterator().next().clock();
        intervalMillis = b.interval.toMillis();
        maxSamples = b.duration != null ? Math.max(1, b.duration.toMillis() / intervalMillis) : b.samples;
        flags = b.flags;
        window = new double[n * b.windowCapacity];
        windowTimes = new long[b.windowCapacity];
    }

    /**
     * A builder with one-second interval, one sample and the system clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The concrete counters being sampled, in the order of every view and sample set.
     *
     * @return the paths, wildcards expanded
     */
    public List<CounterPath> counters() {
        return List.of(paths);
    }

    /**
     * The time between collections.
     *
     * @return the interval
     */
    public Duration interval() {
        return Duration.ofMillis(intervalMillis);
    }

    /** Takes the priming collection (rate counters need a previous sample). */
    public void prime() {
        collect(false);
        primed = true;
    }

    /**
     * Takes one collection now (priming first if needed) and returns a view of it (valid until the
     * next tick).
     *
     * @return the collection, read in place
     */
    public SampleView tick() {
        if (!primed) prime();
        collect(true);
        samplesTaken++;
        return view;
    }

    /**
     * Collects synchronously: primes, then {@code samples} collections one interval apart (or the
     * number the duration holds). Sleeps on the sampler's clock.
     *
     * @return one sample set per collection after priming
     * @throws PerfException if the sampler is continuous, or sampling does not finish within the
     *         collections' time plus a minute
     */
    public List<CounterSampleSet> run() {
        if (maxSamples < 0) throw new PerfException("run() needs a sample count or a duration; use stream() for continuous sampling");
        List<CounterSampleSet> out = new ArrayList<>();
        // bounded: the collections' own time (real on the system clock, less on a virtual one) plus a minute
        Duration bound = Duration.ofMillis(intervalMillis).multipliedBy(maxSamples + 1).plusMinutes(1);
        SamplingHandle h = stream(v -> out.add(v.toSampleSet()));
        if (!h.await(bound)) {
            h.cancel();
            throw new PerfException("sampling did not finish within " + bound + " (" + out.size() + " of " + maxSamples + " samples)");
        }
        return out;
    }

    /**
     * Samples on a background thread and hands each collection to {@code listener} until the count
     * or duration is reached or the returned handle is closed.
     *
     * @param listener receives each collection on the sampling thread
     * @return the running stream's handle
     */
    public SamplingHandle stream(SampleListener listener) {
        SamplingHandle handle = new SamplingHandle(this);
        Thread t = new Thread(() -> loop(listener, handle), "counter-sampler");
        t.setDaemon(true);
        handle.thread = t;
        t.start();
        return handle;
    }

    private void loop(SampleListener listener, SamplingHandle handle) {
        try {
            long next = clock.millis();
            boolean[] wasDown = new boolean[groups.length];
            prime();
            while (!closed && !handle.cancelled && (maxSamples < 0 || samplesTaken < maxSamples)) {
                next += intervalMillis;
                clock.sleepUntil(next);
                tick();
                for (int g = 0; g < groups.length; g++) {
                    HostGroup hg = groups[g];
                    if (hg.down && !wasDown[g]) listener.onHostDown(hg.host, hg.lastError);
                    if (!hg.down && wasDown[g]) listener.onHostUp(hg.host);
                    wasDown[g] = hg.down;
                }
                listener.onSample(view);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            handle.failure = e;
            LOG.warn("sampling stopped: {}", e.toString());
        } finally {
            listener.onComplete();
            handle.done.countDown();
        }
    }

    private void collect(boolean emit) {
        timestampMillis = clock.millis();
        for (int gi = 0; gi < groups.length; gi++) { // indexed: no iterator per tick
            HostGroup g = groups[gi];
            RawBatch b = g.batch;
            try {
                g.reader.read(b);
                if (g.down) LOG.info("host {} answers again", g.host);
                g.down = false;
            } catch (HostUnavailableException e) {
                if (!g.down) LOG.warn("{}; its counters are unavailable until it answers", e.getMessage());
                g.down = true;
                g.lastError = e;
                b.fill(PdhStatus.NO_MACHINE);
            }
            b.timestampMillis = timestampMillis;
            for (int i = 0, k = g.offset; i < b.size(); i++, k++) {
                int st = b.status[i];
                raw[k] = b.first[i];
                second[k] = b.second[i];
                if (!PdhStatus.isValid(st)) {
                    values[k] = Double.NaN;
                    statuses[k] = st;
                    g.prevValid[i] = false;
                    continue;
                }
                if (twoSamples[k] && !g.prevValid[i]) {
                    values[k] = Double.NaN;
                    statuses[k] = PdhStatus.INVALID_DATA;
                } else {
                    statuses[k] = CounterMath.cook(types[k], g.prevFirst[i], g.prevSecond[i], b.first[i], b.second[i],
                            b.multi[i], b.frequency[i], flags, values, k);
                }
                g.prevFirst[i] = b.first[i];
                g.prevSecond[i] = b.second[i];
                g.prevValid[i] = true;
            }
        }
        if (emit) {
            int slot = windowNext;
            System.arraycopy(values, 0, window, slot * values.length, values.length);
            windowTimes[slot] = timestampMillis;
            windowNext = (slot + 1) % windowTimes.length;
            if (windowCount < windowTimes.length) windowCount++;
        }
    }

    /**
     * Statistics of every sampled counter over the kept window, in counter order.
     *
     * @return statistics by counter
     */
    public Map<CounterPath, Statistics> statistics() {
        Map<CounterPath, Statistics> m = new LinkedHashMap<>();
        for (int k = 0; k < paths.length; k++) m.put(paths[k], Statistics.of(windowValues(k), windowCount));
        return m;
    }

    /**
     * Statistics of every counter over the kept collections taken in {@code [fromMillis, toMillis]}:
     * a steady-state window, as seed 004 averages hours 2 to 7 of an 8-hour run.
     *
     * @param fromMillis the window's start, inclusive, in milliseconds since the Unix epoch
     * @param toMillis   the window's end, inclusive
     * @return statistics by counter, in counter order
     */
    public Map<CounterPath, Statistics> statistics(long fromMillis, long toMillis) {
        if (toMillis < fromMillis) throw new PerfException("statistics window ends before it starts: " + fromMillis + " > " + toMillis);
        long[] times = windowTimes();
        Map<CounterPath, Statistics> m = new LinkedHashMap<>();
        for (int k = 0; k < paths.length; k++) {
            double[] all = windowValues(k);
            double[] in = new double[all.length];
            int n = 0;
            for (int i = 0; i < all.length; i++) if (times[i] >= fromMillis && times[i] <= toMillis) in[n++] = all[i];
            m.put(paths[k], Statistics.of(in, n));
        }
        return m;
    }

    /**
     * Statistics of the first sampled counter the (possibly wildcard) path names.
     *
     * @param path the counter
     * @return its statistics, or empty when no sampled counter matches
     */
    public Optional<Statistics> statistics(CounterPath path) {
        for (int k = 0; k < paths.length; k++) {
            if (path.matches(paths[k])) return Optional.of(Statistics.of(windowValues(k), windowCount));
        }
        return Optional.empty();
    }

    /**
     * The kept values of counter {@code k}, oldest first (NaN where unavailable).
     *
     * @param k the counter's index in {@link #counters()}
     * @return a copy of its values
     */
    public double[] windowValues(int k) {
        double[] out = new double[windowCount];
        int start = (windowNext - windowCount + windowTimes.length) % windowTimes.length;
        for (int i = 0; i < windowCount; i++) out[i] = window[((start + i) % windowTimes.length) * values.length + k];
        return out;
    }

    /**
     * The kept collection times, oldest first.
     *
     * @return a copy, in milliseconds since the Unix epoch
     */
    public long[] windowTimes() {
        long[] out = new long[windowCount];
        int start = (windowNext - windowCount + windowTimes.length) % windowTimes.length;
        for (int i = 0; i < windowCount; i++) out[i] = windowTimes[(start + i) % windowTimes.length];
        return out;
    }

    /**
     * Hosts that did not answer the last collection.
     *
     * @return their names
     */
    public List<String> hostsDown() {
        return java.util.Arrays.stream(groups).filter(g -> g.down).map(g -> g.host).toList();
    }

    /** Stops sampling and closes every reader; the sources stay open (their owner closes them). */
    @Override
    public void close() {
        closed = true;
        for (HostGroup g : groups) {
            try {
                g.reader.close();
            } catch (Exception e) {
                LOG.debug("closing reader of {}: {}", g.host, e.toString());
            }
        }
    }

    private final class View implements SampleView {
        @Override
        public long timestampMillis() {
            return timestampMillis;
        }

        @Override
        public int size() {
            return paths.length;
        }

        @Override
        public CounterPath path(int i) {
            return paths[i];
        }

        @Override
        public CounterType type(int i) {
            return types[i];
        }

        @Override
        public double value(int i) {
            return values[i];
        }

        @Override
        public int status(int i) {
            return statuses[i];
        }

        @Override
        public long rawValue(int i) {
            return raw[i];
        }

        @Override
        public long secondValue(int i) {
            return second[i];
        }
    }

    private static final class HostGroup {
        final String host;
        final RawReader reader;
        final RawBatch batch;
        final int offset;
        final long[] prevFirst;
        final long[] prevSecond;
        final boolean[] prevValid;
        boolean down;
        HostUnavailableException lastError;

        HostGroup(String host, RawReader reader, int size, int offset) {
            this.host = host;
            this.reader = reader;
            this.batch = new RawBatch(size);
            this.offset = offset;
            prevFirst = new long[size];
            prevSecond = new long[size];
            prevValid = new boolean[size];
        }
    }

    /** Collects the sources, counters, interval and length of a sampler and checks them. Not thread-safe. */
    public static final class Builder {
        private final Map<String, CounterSource> sources = new LinkedHashMap<>();
        private final List<CounterPath> counters = new ArrayList<>();
        private Duration interval = Duration.ofSeconds(1);
        private long samples = 1;
        private Duration duration;
        private SamplingClock clock; // null: the first source's
        private int windowCapacity = 1024;
        private int flags;

        /**
         * Adds a host's source; paths naming that host, or no host, are read from it.
         *
         * @param source the source
         * @return this builder
         */
        public Builder source(CounterSource source) {
            sources.put(source.host().toLowerCase(Locale.ROOT), source);
            return this;
        }

        /**
         * Adds counter paths (PDH English syntax, wildcards allowed); bad ones fail here.
         *
         * @param pathTexts the paths
         * @return this builder
         */
        public Builder counters(String... pathTexts) {
            for (String p : pathTexts) counters.add(CounterPath.parse(p));
            return this;
        }

        /**
         * Adds parsed counter paths.
         *
         * @param paths the paths
         * @return this builder
         */
        public Builder counters(List<CounterPath> paths) {
            counters.addAll(paths);
            return this;
        }

        /**
         * The time between collections (default one second).
         *
         * @param value at least 1 ms
         * @return this builder
         * @throws PerfException if the interval is not positive or under 1 ms
         */
        public Builder interval(Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new PerfException("sampling interval must be positive, was " + value);
            }
            if (value.toMillis() < 1) throw new PerfException("sampling interval must be at least 1 ms, was " + value);
            interval = value;
            return this;
        }

        /**
         * The number of collections after priming, like Get-Counter -MaxSamples (default 1).
         *
         * @param count at least 1
         * @return this builder
         * @throws PerfException if the count is not positive
         */
        public Builder samples(long count) {
            if (count <= 0) throw new PerfException("sample count must be positive, was " + count);
            samples = count;
            duration = null;
            return this;
        }

        /**
         * Samples for this long (duration / interval collections).
         *
         * @param value a positive duration, at least the interval
         * @return this builder
         * @throws PerfException if the duration is not positive
         */
        public Builder duration(Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new PerfException("sampling duration must be positive, was " + value);
            }
            duration = value;
            return this;
        }

        /**
         * Samples until the stream is closed, like Get-Counter -Continuous.
         *
         * @return this builder
         */
        public Builder continuous() {
            samples = -1;
            duration = null;
            return this;
        }

        /**
         * The clock to sample on; by default the first source's ({@link CounterSource#clock()}).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(SamplingClock value) {
            clock = value;
            return this;
        }

        /**
         * How many collections the statistics window keeps (default 1024; memory is counters x capacity x 8 bytes).
         *
         * @param value at least 1
         * @return this builder
         * @throws PerfException if the capacity is not positive
         */
        public Builder windowCapacity(int value) {
            if (value <= 0) throw new PerfException("window capacity must be positive, was " + value);
            windowCapacity = value;
            return this;
        }

        /**
         * PDH formatting flags, e.g. {@link CounterMath#NOCAP100}.
         *
         * @param value the flags, or-ed
         * @return this builder
         */
        public Builder flags(int value) {
            flags = value;
            return this;
        }

        /**
         * Expands every path on its hosts and opens the readers.
         *
         * @return the sampler
         * @throws PerfException if no source or path was given, the duration is shorter than the interval,
         *         a path names a host without a source, or the paths match no counter
         */
        public CounterSampler build() {
            if (sources.isEmpty()) throw new PerfException("no counter source: add at least one host");
            if (counters.isEmpty()) throw new PerfException("no counter paths given");
            if (duration != null && duration.toMillis() < interval.toMillis()) {
                throw new PerfException("sampling duration " + duration + " is shorter than the interval " + interval);
            }
            Map<CounterSource, List<CounterDescriptor>> perSource = new LinkedHashMap<>();
            for (CounterSource s : sources.values()) perSource.put(s, new ArrayList<>());
            for (CounterPath p : counters) {
                List<CounterSource> targets;
                if (p.machine() != null) {
                    CounterSource s = sources.get(p.machine().toLowerCase(Locale.ROOT));
                    if (s == null) throw new PerfException("no counter source for host '" + p.machine() + "' in " + p + "; known hosts: " + sources.keySet());
                    targets = List.of(s);
                } else {
                    targets = List.copyOf(sources.values());
                }
                for (CounterSource s : targets) perSource.get(s).addAll(resolve(s, p));
            }
            List<HostGroup> groups = new ArrayList<>();
            List<CounterDescriptor> all = new ArrayList<>();
            for (Map.Entry<CounterSource, List<CounterDescriptor>> e : perSource.entrySet()) {
                List<CounterDescriptor> ds = dedupe(e.getValue());
                if (ds.isEmpty()) continue;
                groups.add(new HostGroup(e.getKey().host(), e.getKey().open(ds), ds.size(), all.size()));
                all.addAll(ds);
            }
            if (all.isEmpty()) throw new PerfException("the counter paths " + counters + " match no counter on " + sources.keySet());
            return new CounterSampler(this, groups, all);
        }

        private static List<CounterDescriptor> resolve(CounterSource s, CounterPath p) {
            try {
                List<CounterDescriptor> found = s.expand(p);
                if (found.isEmpty() && !p.isWildcard()) {
                    // the instance may appear later (a VM arriving): keep it, read as PDH_CSTATUS_NO_INSTANCE until then
                    CounterType t = CounterCatalog.of(s.counterSets()).require(p).type();
                    return List.of(new CounterDescriptor(p.withMachine(s.host()), t));
                }
                return found;
            } catch (HostUnavailableException e) {
                if (p.isWildcard()) throw new PerfException("cannot expand " + p + ": " + e.getMessage(), e);
                LOG.warn("{}; {} will be reported unavailable until it answers", e.getMessage(), p);
                return List.of(new CounterDescriptor(p.withMachine(s.host()), CounterCatalog.standard().require(p).type()));
            }
        }

        private static List<CounterDescriptor> dedupe(List<CounterDescriptor> ds) {
            Map<String, CounterDescriptor> m = new LinkedHashMap<>();
            for (CounterDescriptor d : ds) m.putIfAbsent(d.path().toString().toLowerCase(Locale.ROOT), d);
            return new ArrayList<>(m.values());
        }
    }
}

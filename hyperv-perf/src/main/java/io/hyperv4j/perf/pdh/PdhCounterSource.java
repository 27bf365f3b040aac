package io.hyperv4j.perf.pdh;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.hyperv4j.perf.CounterCatalog;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterSetDefinition;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.PerfException;
import io.hyperv4j.perf.source.CatalogExpansion;
import io.hyperv4j.perf.source.CounterDescriptor;
import io.hyperv4j.perf.source.CounterSource;
import io.hyperv4j.perf.source.HostUnavailableException;
import io.hyperv4j.perf.source.RawBatch;
import io.hyperv4j.perf.source.RawReader;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters read through PDH on Windows, local or remote: each counter is added with
 * PdhAddEnglishCounter (so paths work on any display language), a collection is one
 * PdhCollectQueryDataWithTime, and each counter's PDH_RAW_COUNTER (FirstValue, SecondValue,
 * MultiCount) is handed to the sampler with the counter's time base from PdhGetCounterTimeBase.
 * Instances are listed with PdhEnumObjectItems after PdhEnumObjects has refreshed PDH's cached
 * object list, so a long-running sampler sees VMs created since it started.
 * Nothing native is loaded until {@link #open} or {@link #instances} runs, so the class loads on
 * every OS; on others those fail with a clear error.
 * <p>Thread safety: {@link #instances} and {@link #open} may be called from any thread; a reader
 * returned by {@link #open} is used by one thread at a time.
 */
public final class PdhCounterSource implements CounterSource {
    private static final Logger LOG = LoggerFactory.getLogger(PdhCounterSource.class);
    private static final int TRUE = 1;
    private final String host;
    private final PdhLibrary library;
    private final CounterCatalog catalog = CounterCatalog.standard();

    /** @param host computer name; null, "", "." or "localhost" for this one */
    public PdhCounterSource(String host) {
        this(host, null);
    }

    /** Over another pdh.dll (the tests' recording fake); null for the real one. */
    PdhCounterSource(String host, PdhLibrary library) {
        this.host = host == null || host.isEmpty() ? "." : host;
        this.library = library;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public List<CounterSetDefinition> counterSets() {
        return catalog.sets();
    }

    @Override
    public List<String> instances(String counterSet) {
        PdhLibrary pdh = pdh();
        CounterSetDefinition set = catalog.require(counterSet);
        if (!set.multiInstance()) return List.of();
        WString machine = wide(PdhPaths.machineName(host));
        // PdhEnumObjectItems answers from PDH's cached object list; only PdhEnumObjects with bRefresh
        // rereads it (a size query is enough), so instances created since the last call show up.
        IntByReference size = new IntByReference(0);
        int rc = pdh.PdhEnumObjectsW(null, machine, null, size, PdhLibrary.PERF_DETAIL_WIZARD, TRUE);
        if (rc != 0 && rc != PdhLibrary.PDH_MORE_DATA) throw failure(rc, "cannot refresh the performance objects of " + host);
        // PdhEnumObjectItems takes the object's display name; on a non-English system callers should pass instances explicitly
        WString object = new WString(set.name());
        IntByReference counterLength = new IntByReference(0);
        IntByReference instanceLength = new IntByReference(0);
        rc = pdh.PdhEnumObjectItemsW(null, machine, object, null, counterLength, null, instanceLength, PdhLibrary.PERF_DETAIL_WIZARD, 0);
        for (int attempt = 0; rc == PdhLibrary.PDH_MORE_DATA && attempt < 3; attempt++) {
            // The list may grow between the size query and the read; ask again with the new size.
            char[] counters = new char[Math.max(1, counterLength.getValue())];
            char[] instances = new char[Math.max(1, instanceLength.getValue())];
            rc = pdh.PdhEnumObjectItemsW(null, machine, object, counters, counterLength, instances, instanceLength,
                    PdhLibrary.PERF_DETAIL_WIZARD, 0);
            if (rc == 0) return PdhPaths.multiSz(instances, instanceLength.getValue());
        }
        if (rc == 0) return List.of(); // nothing to size: the object has no instances now
        throw failure(rc, "cannot list instances of '" + set.name() + "' on " + host);
    }

    private PerfException failure(int rc, String what) {
        if (PdhPaths.isHostUnreachable(rc)) return new HostUnavailableException(host, PdhStatus.name(rc));
        return new PerfException(what + ": " + PdhStatus.name(rc));
    }

    private static WString wide(String s) {
        return s == null ? null : new WString(s);
    }

    @Override
    public List<CounterDescriptor> expand(CounterPath path) {
        return CatalogExpansion.expand(host, path, catalog, this::instances);
    }

    @Override
    public RawReader open(List<CounterDescriptor> counters) {
        return new Query(pdh(), host, counters);
    }

    private PdhLibrary pdh() {
        if (library != null) return library;
        requireWindows();
        return PdhLibrary.windows();
    }

    /** Checked before any JNA class is touched: off Windows, or without the optional JNA dependency, say so. */
    private static void requireWindows() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"))
            throw new PerfException("PDH is only available on Windows; use the WMI raw-class source or the simulator");
        try {
            Class.forName("com.sun.jna.Native", false, PdhCounterSource.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PerfException("PDH needs JNA on the class path: add the dependency net.java.dev.jna:jna-platform "
                    + "(5.14.0 or later), which hyperv-perf declares optional");
        }
    }

    private static final class Query implements RawReader {
        private final PdhLibrary pdh;
        private final String host;
        private final Pointer query;
        private final Pointer[] handles;
        private final int[] addStatus;
        private final long[] frequency;
        private final PdhStructures.RawCounter raw = new PdhStructures.RawCounter();
        private final IntByReference type = new IntByReference();
        private final LongByReference time = new LongByReference();

        Query(PdhLibrary pdh, String host, List<CounterDescriptor> counters) {
            this.pdh = pdh;
            this.host = host;
            PointerByReference q = new PointerByReference();
            int rc = pdh.PdhOpenQueryW(null, null, q);
            if (rc != 0) throw new PerfException("PdhOpenQuery failed: " + PdhStatus.name(rc));
            query = q.getValue();
            handles = new Pointer[counters.size()];
            addStatus = new int[counters.size()];
            frequency = new long[counters.size()];
            for (int i = 0; i < handles.length; i++) {
                String path = PdhPaths.englishPath(counters.get(i).path(), host);
                PointerByReference h = new PointerByReference();
                addStatus[i] = pdh.PdhAddEnglishCounterW(query, new WString(path), null, h);
                if (addStatus[i] == 0) {
                    handles[i] = h.getValue();
                    LongByReference f = new LongByReference();
                    if (pdh.PdhGetCounterTimeBase(handles[i], f) == 0) frequency[i] = f.getValue();
                } else {
                    LOG.warn("PdhAddEnglishCounter({}) failed: {}", path, PdhStatus.name(addStatus[i]));
                }
            }
        }

        @Override
        public void read(RawBatch batch) {
            int rc = pdh.PdhCollectQueryDataWithTime(query, time);
            if (PdhPaths.isHostUnreachable(rc)) throw new HostUnavailableException(host, PdhStatus.name(rc));
            for (int i = 0; i < handles.length; i++) {
                if (handles[i] == null) {
                    batch.unavailable(i, addStatus[i]);
                    continue;
                }
                int st = pdh.PdhGetRawCounterValue(handles[i], type, raw);
                if (st != 0 || !PdhStatus.isValid(raw.CStatus)) {
                    batch.unavailable(i, st != 0 ? st : raw.CStatus);
                    continue;
                }
                batch.set(i, raw.FirstValue, raw.SecondValue, frequency[i]);
                batch.multi[i] = raw.MultiCount;
            }
            batch.timestampMillis = System.currentTimeMillis();
        }

        @Override
        public void close() {
            pdh.PdhCloseQuery(query);
        }
    }
}

package io.hyperv4j.perf.pdh;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.Pdh;
import com.sun.jna.platform.win32.PdhUtil;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
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
 * Nothing native is loaded until {@link #open} or {@link #instances} runs, so the class loads on
 * every OS, with or without JNA; on others, or without JNA, those fail with a clear error. Thread-safe
 * (it keeps no mutable state); each reader it opens belongs to one sampler.
 */
public final class PdhCounterSource implements CounterSource {
    private static final Logger LOG = LoggerFactory.getLogger(PdhCounterSource.class);
    private final String host;
    private final CounterCatalog catalog = CounterCatalog.standard();

    /** @param host computer name, or "." for this one */
    public PdhCounterSource(String host) {
        this.host = host == null || host.isEmpty() ? "." : host;
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
        requireWindows();
        CounterSetDefinition set = catalog.require(counterSet);
        if (!set.multiInstance()) return List.of();
        return Instances.of(host, set);
    }

    /**
     * The JNA calls of {@link #instances}, in a class of their own: a catch of a JNA exception type
     * makes the verifier load that type, so the outer class would not load without JNA.
     */
    private static final class Instances {
        static List<String> of(String host, CounterSetDefinition set) {
            try {
                // PdhEnumObjectItems takes the object's display name; on a non-English system callers should pass instances explicitly
                return PdhUtil.PdhEnumObjectItems(null, host.equals(".") ? null : host, set.name(), com.sun.jna.platform.win32.WinPerf.PERF_DETAIL_WIZARD).getInstances();
            } catch (PdhUtil.PdhException e) {
                if (PdhPaths.isHostUnreachable(e.getErrorCode())) throw new HostUnavailableException(host, PdhStatus.name(e.getErrorCode()), e);
                throw new PerfException("cannot list instances of '" + set.name() + "' on " + host + ": " + PdhStatus.name(e.getErrorCode()), e);
            }
        }
    }

    @Override
    public List<CounterDescriptor> expand(CounterPath path) {
        return CatalogExpansion.expand(host, path, catalog, this::instances);
    }

    @Override
    public RawReader open(List<CounterDescriptor> counters) {
        requireWindows();
        return new Query(host, counters);
    }

    /** Checked before any JNA class is touched: off Windows, or without the optional JNA dependency, say so. */
    private static void requireWindows() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"))
            throw new PerfException("PDH is only available on Windows; use the WMI raw-class source or the simulator");
        try {
            Class.forName("com.sun.jna.platform.win32.Pdh", false, PdhCounterSource.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PerfException("PDH needs JNA on the class path: add the dependency net.java.dev.jna:jna-platform "
                    + "(5.14.0 or later), which hyperv-perf declares optional");
        }
    }

    /** PdhGetCounterTimeBase, which jna-platform's Pdh interface lacks. */
    interface PdhExtra extends StdCallLibrary {
        int PdhGetCounterTimeBase(WinNT.HANDLE counter, LongByReference timeBase);
    }

    private static final class Query implements RawReader {
        private final String host;
        private final WinNT.HANDLE query;
        private final WinNT.HANDLE[] handles;
        private final int[] addStatus;
        private final long[] frequency;
        private final Pdh.PDH_RAW_COUNTER raw = new Pdh.PDH_RAW_COUNTER();
        private final WinDef.DWORDByReference type = new WinDef.DWORDByReference();
        private final WinDef.LONGLONGByReference time = new WinDef.LONGLONGByReference();

        Query(String host, List<CounterDescriptor> counters) {
            this.host = host;
            Pdh pdh = Pdh.INSTANCE;
            PdhExtra extra = Native.load("pdh", PdhExtra.class, W32APIOptions.DEFAULT_OPTIONS);
            WinNT.HANDLEByReference q = new WinNT.HANDLEByReference();
            int rc = pdh.PdhOpenQuery(null, new BaseTSD.DWORD_PTR(0), q);
            if (rc != 0) throw new PerfException("PdhOpenQuery failed: " + PdhStatus.name(rc));
            query = q.getValue();
            handles = new WinNT.HANDLE[counters.size()];
            addStatus = new int[counters.size()];
            frequency = new long[counters.size()];
            for (int i = 0; i < handles.length; i++) {
                String path = PdhPaths.englishPath(counters.get(i).path(), host);
                WinNT.HANDLEByReference h = new WinNT.HANDLEByReference();
                addStatus[i] = pdh.PdhAddEnglishCounter(query, path, new BaseTSD.DWORD_PTR(0), h);
                if (addStatus[i] == 0) {
                    handles[i] = h.getValue();
                    LongByReference f = new LongByReference();
                    if (extra.PdhGetCounterTimeBase(handles[i], f) == 0) frequency[i] = f.getValue();
                } else {
                    LOG.warn("PdhAddEnglishCounter({}) failed: {}", path, PdhStatus.name(addStatus[i]));
                }
            }
        }

        @Override
        public void read(RawBatch batch) {
            int rc = Pdh.INSTANCE.PdhCollectQueryDataWithTime(query, time);
            if (PdhPaths.isHostUnreachable(rc)) throw new HostUnavailableException(host, PdhStatus.name(rc));
            for (int i = 0; i < handles.length; i++) {
                if (handles[i] == null) {
                    batch.unavailable(i, addStatus[i]);
                    continue;
                }
                int st = Pdh.INSTANCE.PdhGetRawCounterValue(handles[i], type, raw);
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
            Pdh.INSTANCE.PdhCloseQuery(query);
        }
    }
}

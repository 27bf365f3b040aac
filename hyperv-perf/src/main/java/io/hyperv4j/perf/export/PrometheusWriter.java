package io.hyperv4j.perf.export;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.sampler.CounterSample;
import io.hyperv4j.perf.sampler.CounterSampleSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Prometheus text exposition format (version 0.0.4) of one collection: one gauge family per
 * counter ({@code hyperv_memory_pages_per_sec}), labelled host, object, instance and counter with
 * the English names, escaped as the format requires. Counters that could not be read have no
 * sample; every counter's PDH status is in {@code hyperv_counter_status}, so a gap is visible.
 * Stateless and thread-safe.
 */
public final class PrometheusWriter {
    private PrometheusWriter() {
    }

    /**
     * One collection in the exposition format, each sample stamped with the collection time in
     * milliseconds since the epoch.
     *
     * @param set the collection
     * @return the exposition text, ending with the {@code hyperv_counter_status} family
     */
    public static String format(CounterSampleSet set) {
        Map<String, StringBuilder> families = new LinkedHashMap<>();
        StringBuilder status = new StringBuilder();
        long t = set.timestamp().toEpochMilli();
        for (CounterSample s : set.counterSamples()) {
            String name = metricName(s.path());
            String labels = labels(s.path());
            if (s.isValid()) {
                StringBuilder b = families.computeIfAbsent(name, n -> new StringBuilder()
                        .append("# HELP ").append(n).append(' ').append(escapeHelp(s.path().object() + "\\" + s.path().counter())).append('\n')
                        .append("# TYPE ").append(n).append(" gauge\n"));
                b.append(name).append(labels).append(' ').append(value(s.cookedValue())).append(' ').append(t).append('\n');
            }
            status.append("hyperv_counter_status").append(labels).append(' ').append(s.status() & 0xFFFFFFFFL).append(' ').append(t).append('\n');
        }
        StringBuilder out = new StringBuilder();
        families.values().forEach(out::append);
        out.append("# HELP hyperv_counter_status PDH status of the counter's last reading (0 = valid)\n");
        out.append("# TYPE hyperv_counter_status gauge\n").append(status);
        return out.toString();
    }

    /**
     * A valid metric name: "hyperv_" + object + "_" + counter in lower case, '%' as "percent", '/' as
     * "per", '#' as "number", every other character outside [a-z0-9_] as one '_'.
     *
     * @param p the counter
     * @return the metric name, e.g. {@code hyperv_memory_pages_per_sec}
     */
    public static String metricName(CounterPath p) {
        String raw = ("hyperv_" + p.object() + "_" + p.counter()).toLowerCase(Locale.ROOT)
                .replace("%", " percent ").replace("/", " per ").replace("#", " number ");
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            char o = ok ? c : '_';
            if (o == '_' && b.length() > 0 && b.charAt(b.length() - 1) == '_') continue;
            b.append(o);
        }
        while (b.length() > 0 && b.charAt(b.length() - 1) == '_') b.setLength(b.length() - 1);
        return b.toString();
    }

    static String labels(CounterPath p) {
        List<String[]> l = List.of(new String[]{"host", p.machine() == null ? "" : p.machine()},
                new String[]{"object", p.object()}, new String[]{"instance", p.instance() == null ? "" : p.instance()},
                new String[]{"counter", p.counter()});
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) b.append(',');
            b.append(l.get(i)[0]).append("=\"").append(escapeLabel(l.get(i)[1])).append('"');
        }
        return b.append('}').toString();
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escapeLabel(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** HELP text escapes backslash and line feed. */
    static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String value(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        return RelogCsvWriter.number(v);
    }
}

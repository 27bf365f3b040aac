package io.hyperv4j.perf.export;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.sampler.CounterSample;
import io.hyperv4j.perf.sampler.CounterSampleSet;
import io.hyperv4j.perf.sampler.SampleView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes samples as perfmon's CSV log, the way relog and the Performance Monitor write it: a header
 * row {@code "(PDH-CSV 4.0) (Tokyo Standard Time)(-540)"} followed by the quoted counter paths, then
 * one row per collection with its local time {@code "MM/dd/yyyy HH:mm:ss.SSS"} and each value. A
 * value that could not be read is written as {@code " "}, as perfmon does, never as 0. The bias is
 * Windows' (UTC minus local time, in minutes) at the first collection; the zone name is the
 * standard-time name (Java's, which can differ in wording from Windows' own, e.g. "Japan Standard
 * Time" for Windows' "Tokyo Standard Time").
 *
 * <p>Not thread-safe: one writer appends rows in collection order to one {@link Writer}; callers
 * serialize appends.
 */
public final class RelogCsvWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss.SSS", Locale.ROOT);
    private final Writer out;
    private final List<CounterPath> counters;
    private final ZoneId zone;
    private boolean headerWritten;

    /**
     * A writer appending to {@code out}; the header is written with the first row. It never closes or
     * flushes {@code out}.
     *
     * @param out      where the rows go
     * @param counters the columns, in the order of every row's values
     * @param zone     the zone of the row times and of the header's zone part
     */
    public RelogCsvWriter(Writer out, List<CounterPath> counters, ZoneId zone) {
        this.out = out;
        this.counters = List.copyOf(counters);
        this.zone = zone;
    }

    /**
     * The header's time-zone part for this zone at {@code t}, e.g. "(Coordinated Universal Time)(0)".
     *
     * @param zone the zone
     * @param t    the instant whose offset gives the bias
     * @return the standard-time name and the bias in minutes, each in parentheses
     */
    public static String zoneHeader(ZoneId zone, Instant t) {
        int offsetMinutes = zone.getRules().getOffset(t).getTotalSeconds() / 60;
        String name = zone.getId().equals("UTC") || zone.getId().equals("Z") ? "Coordinated Universal Time"
                : java.util.TimeZone.getTimeZone(zone).getDisplayName(false, java.util.TimeZone.LONG, Locale.US);
        return "(" + name + ")(" + (-offsetMinutes) + ")";
    }

    /**
     * Writes one row from a sampler's view, its values in the view's column order.
     *
     * @param view the collection
     * @throws UncheckedIOException if {@code out} fails
     */
    public void append(SampleView view) {
        try {
            header(view.timestampMillis());
            out.write(quote(TIME.format(Instant.ofEpochMilli(view.timestampMillis()).atZone(zone))));
            for (int i = 0; i < view.size(); i++) {
                out.write(',');
                out.write(quote(PdhStatus.isValid(view.status(i)) ? number(view.value(i)) : " "));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes one row from a collection, its values in the set's sample order.
     *
     * @param set the collection
     * @throws UncheckedIOException if {@code out} fails
     */
    public void append(CounterSampleSet set) {
        try {
            header(set.timestamp().toEpochMilli());
            out.write(quote(TIME.format(set.timestamp().atZone(zone))));
            for (CounterSample s : set.counterSamples()) {
                out.write(',');
                out.write(quote(s.isValid() ? number(s.cookedValue()) : " "));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void header(long firstMillis) throws IOException {
        if (headerWritten) return;
        headerWritten = true;
        out.write(quote("(PDH-CSV 4.0) " + zoneHeader(zone, Instant.ofEpochMilli(firstMillis))));
        for (CounterPath p : counters) {
            out.write(',');
            out.write(quote(p.toString()));
        }
        out.write("\r\n");
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return " ";
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}

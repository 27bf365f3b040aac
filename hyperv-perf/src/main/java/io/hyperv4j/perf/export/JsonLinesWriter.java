package io.hyperv4j.perf.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.sampler.CounterSample;
import io.hyperv4j.perf.sampler.CounterSampleSet;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One JSON object per line per collection, shaped like Get-Counter's output through ConvertTo-Json:
 * {@code {"Timestamp":..,"CounterSamples":[{"Path","InstanceName","CookedValue","RawValue",
 * "SecondValue","CounterType","Status"}]}}. As there, Path is lower case, CounterType is the
 * winperf.h number and Status the PDH status; an unavailable counter's CookedValue is null.
 *
 * <p>Not thread-safe: one writer appends to one {@link Writer}; callers serialize appends. The static
 * {@link #toJson} is thread-safe.
 */
public final class JsonLinesWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private final Writer out;
    private final ZoneId zone;

    /**
     * A writer appending to {@code out}; it never closes or flushes {@code out}.
     *
     * @param out  where the lines go
     * @param zone the zone the Timestamp field is written in (with its offset)
     */
    public JsonLinesWriter(Writer out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    /**
     * Writes one collection as one line.
     *
     * @param set the collection
     * @throws UncheckedIOException if {@code out} fails
     */
    public void append(CounterSampleSet set) {
        try {
            out.write(toJson(set, zone));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One collection as one JSON object (without the line feed).
     *
     * @param set  the collection
     * @param zone the zone the Timestamp field is written in
     * @return the JSON text
     */
    public static String toJson(CounterSampleSet set, ZoneId zone) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("Timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(set.timestamp().atZone(zone)));
            g.writeArrayFieldStart("CounterSamples");
            for (CounterSample s : set.counterSamples()) {
                g.writeStartObject();
                g.writeStringField("Path", s.path().toString().toLowerCase(Locale.ROOT));
                g.writeStringField("InstanceName", s.instanceName());
                if (s.isValid()) g.writeNumberField("CookedValue", s.cookedValue());
                else g.writeNullField("CookedValue");
                g.writeNumberField("RawValue", s.rawValue());
                g.writeNumberField("SecondValue", s.secondValue());
                g.writeNumberField("CounterType", s.counterType().code() & 0xFFFFFFFFL);
                g.writeNumberField("Status", s.status() & 0xFFFFFFFFL);
                if (!s.isValid()) g.writeStringField("StatusName", PdhStatus.name(s.status()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}

package io.hyperv4j.cim;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** What a method returned: its ReturnValue and its out-parameters by name (case-insensitive). */
public record MethodResult(long returnValue, Map<String, CimValue> out) {

    /** CIM's "Method Parameters Checked - Job Started" (4096). */
    public static final long JOB_STARTED = 4096;

    public MethodResult {
        TreeMap<String, CimValue> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (out != null) m.putAll(out);
        out = Collections.unmodifiableSortedMap(m);
    }

    public boolean jobStarted() {
        return returnValue == JOB_STARTED;
    }

    /** The {@code Job} out-parameter, or null when the method completed synchronously. */
    public ObjectPath job() {
        CimValue v = out.get("Job");
        return v == null || v.isNull() ? null : v.asPath();
    }

    public CimValue get(String name) {
        return out.get(name);
    }
}

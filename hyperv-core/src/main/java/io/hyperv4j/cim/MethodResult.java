package io.hyperv4j.cim;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
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
        return reference("Job").orElse(null);
    }

    /** The out-parameter, or null when the method did not return it. */
    public CimValue get(String name) {
        return out.get(name);
    }

    /** The out-parameter when returned and not null. */
    public Optional<CimValue> find(String name) {
        CimValue v = out.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** The reference out-parameter's path; empty when not returned or null. */
    public Optional<ObjectPath> reference(String name) {
        return find(name).map(CimValue::asPath);
    }
}

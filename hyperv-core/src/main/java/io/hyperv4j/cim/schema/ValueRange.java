package io.hyperv4j.cim.schema;

/** A documented range of values with one meaning, e.g. 32768..65535 "Vendor Specific". */
public record ValueRange(long from, long to, String label) {
    public ValueRange {
        if (Long.compareUnsigned(from, to) > 0) throw new IllegalArgumentException("empty range " + from + ".." + to);
    }

    /** Unsigned comparison, so uint64 bit patterns order correctly. */
    public boolean contains(long v) {
        return Long.compareUnsigned(v, from) >= 0 && Long.compareUnsigned(v, to) <= 0;
    }
}

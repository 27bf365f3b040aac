package io.hyperv4j.cim;

import java.time.Duration;
import java.time.Instant;

/**
 * A CIM datetime (DSP0004): a timestamp {@code yyyymmddHHMMSS.mmmmmmsUUU} or an interval
 * {@code ddddddddHHMMSS.mmmmmm:000}. {@link #toString()} gives the exact text it was parsed from.
 */
public final class CimDateTime {
    private CimDateTime() {}

    public static CimDateTime parse(String text) {
        throw new UnsupportedOperationException("datetime parsing: to be implemented");
    }

    public static CimDateTime of(Instant instant) {
        throw new UnsupportedOperationException("to be implemented");
    }

    public static CimDateTime interval(Duration duration) {
        throw new UnsupportedOperationException("to be implemented");
    }

    public boolean isInterval() {
        throw new UnsupportedOperationException("to be implemented");
    }

    public Instant toInstant() {
        throw new UnsupportedOperationException("to be implemented");
    }

    public Duration toDuration() {
        throw new UnsupportedOperationException("to be implemented");
    }
}

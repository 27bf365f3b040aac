package io.hyperv4j.perf;

/**
 * A counter's displayable value with its status. An unavailable counter has no value: {@link #value()}
 * is NaN and {@link #status()} says why, never a zero that looks like a reading.
 */
public record CookedValue(double value, int status) {

    public static CookedValue unavailable(int status) {
        return new CookedValue(Double.NaN, status);
    }

    public boolean isValid() {
        return PdhStatus.isValid(status);
    }

    @Override
    public String toString() {
        return isValid() ? Double.toString(value) : "unavailable (" + PdhStatus.name(status) + ")";
    }
}

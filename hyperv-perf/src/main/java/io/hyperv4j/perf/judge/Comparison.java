package io.hyperv4j.perf.judge;

/** How a value is compared with its limit. */
public enum Comparison {
    AT_LEAST(">="),
    ABOVE(">"),
    AT_MOST("<="),
    BELOW("<");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean breached(double value, double limit) {
        return switch (this) {
            case AT_LEAST -> value >= limit;
            case ABOVE -> value > limit;
            case AT_MOST -> value <= limit;
            case BELOW -> value < limit;
        };
    }

    /** Whether the value is back on the safe side by at least {@code band} (hysteresis). */
    public boolean cleared(double value, double limit, double band) {
        return switch (this) {
            case AT_LEAST, ABOVE -> value < limit - band;
            case AT_MOST, BELOW -> value > limit + band;
        };
    }

    public static Comparison parse(String s) {
        for (Comparison c : values()) if (c.symbol.equals(s)) return c;
        throw new IllegalArgumentException("unknown comparison '" + s + "'; use >=, >, <= or <");
    }
}

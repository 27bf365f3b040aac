package io.hyperv4j.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations as typed on the command line: {@code 500ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, or seconds. */
final class Durations {
    private Durations() {
    }

    /** A positive duration; a {@link UsageException} naming {@code option} otherwise. */
    static Duration parse(String noun, String option, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.endsWith("ms")) d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            else if (t.endsWith("s")) d = Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            else if (t.endsWith("m")) d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            else d = Duration.ofMillis((long) (Double.parseDouble(t) * 1000));
            if (d.isZero() || d.isNegative()) throw new UsageException(noun, "option " + option + " must be positive, got '" + text + "'");
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(noun, "option " + option + " needs a duration such as 1s, 500ms or 2m, got '" + text + "'");
        }
    }
}

package io.hyperv4j.cim;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A CIM datetime (DSP0004): a timestamp {@code yyyymmddHHMMSS.mmmmmmsUUU} (s is + or -, UUU the
 * UTC offset in minutes) or an interval {@code ddddddddHHMMSS.mmmmmm:000}. Fields that are not
 * significant may be asterisks ({@code 20240115******.******+000}); the microseconds may keep
 * their leading digits and star the rest ({@code 123***}). The value is its canonical 25-character
 * text: {@link #toString()} returns it, and equality compares it (two timestamps of the same
 * instant written with different offsets are different values; compare {@link #toInstant()}).
 * Immutable.
 */
public final class CimDateTime implements Comparable<CimDateTime> {
    static final int LENGTH = 25;
    /** Marks a field written as asterisks. */
    public static final int UNSPECIFIED = -1;
    private static final long MAX_INTERVAL_DAYS = 99_999_999L;

    private final String text;
    private final boolean interval;
    // timestamp: year, month, day; interval: days in 'year' slot, month and day unused (0).
    private final long yearOrDays;
    private final int month;
    private final int day;
    private final int hour;
    private final int minute;
    private final int second;
    private final int micros;        // UNSPECIFIED when all six are stars
    private final int microDigits;   // significant microsecond digits, 0..6
    private final int offsetMinutes; // signed; UNSPECIFIED_OFFSET when starred

    private static final int UNSPECIFIED_OFFSET = Integer.MIN_VALUE;

    private CimDateTime(String text, boolean interval, long yearOrDays, int month, int day, int hour, int minute,
                        int second, int micros, int microDigits, int offsetMinutes) {
        this.text = text;
        this.interval = interval;
        this.yearOrDays = yearOrDays;
        this.month = month;
        this.day = day;
        this.hour = hour;
        this.minute = minute;
        this.second = second;
        this.micros = micros;
        this.microDigits = microDigits;
        this.offsetMinutes = offsetMinutes;
    }

    /**
     * Parses either form; errors (WBEM_E_TYPE_MISMATCH) name the position and the field at fault.
     *
     * @param text the 25-character DMTF text
     * @return the value
     */
    public static CimDateTime parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() != LENGTH)
            throw error(text, Math.min(text.length(), LENGTH), "expected 25 characters, got " + text.length());
        if (text.charAt(14) != '.') throw error(text, 14, "expected '.' after the seconds");
        char sep = text.charAt(21);
        boolean interval = sep == ':';
        if (!interval && sep != '+' && sep != '-')
            throw error(text, 21, "expected '+' or '-' (timestamp) or ':' (interval) but found '" + sep + "'");
        int micros;
        int microDigits = 0;
        while (microDigits < 6 && isDigit(text.charAt(15 + microDigits))) microDigits++;
        for (int i = 15 + microDigits; i < 21; i++) {
            if (text.charAt(i) != '*')
                throw error(text, i, "microseconds: expected a digit or '*' (stars only after the significant digits)");
        }
        micros = microDigits == 0 ? UNSPECIFIED : Integer.parseInt(text.substring(15, 15 + microDigits));
        if (interval) {
            long days = field(text, 0, 8, "days", 0, MAX_INTERVAL_DAYS);
            int h = (int) field(text, 8, 2, "hours", 0, 23);
            int m = (int) field(text, 10, 2, "minutes", 0, 59);
            int s = (int) field(text, 12, 2, "seconds", 0, 59);
            if (!text.startsWith("000", 22)) throw error(text, 22, "an interval ends with ':000'");
            return new CimDateTime(text, true, days, 0, 0, h, m, s, micros, microDigits, 0);
        }
        long year = field(text, 0, 4, "year", 0, 9999);
        // WMI writes "no date" as an all-zero date (00000000HHMMSS...): accepted, names no instant
        boolean zeroDate = text.startsWith("00000000");
        int mo = zeroDate ? 0 : (int) field(text, 4, 2, "month", 1, 12);
        int d = zeroDate ? 0 : (int) field(text, 6, 2, "day", 1, 31);
        if (!zeroDate && d != UNSPECIFIED && mo != UNSPECIFIED) {
            int max = year == UNSPECIFIED ? (mo == 2 ? 29 : LocalDate.of(2001, mo, 1).lengthOfMonth())
                    : LocalDate.of((int) year, mo, 1).lengthOfMonth();
            if (d > max) throw error(text, 6, "day " + d + " does not exist in month " + mo + (year == UNSPECIFIED ? "" : " of " + year));
        }
        int h = (int) field(text, 8, 2, "hour", 0, 23);
        int m = (int) field(text, 10, 2, "minute", 0, 59);
        int s = (int) field(text, 12, 2, "second", 0, 59);
        long off = field(text, 22, 3, "UTC offset", 0, 999);
        int offset = off == UNSPECIFIED ? UNSPECIFIED_OFFSET : (int) (sep == '-' ? -off : off);
        return new CimDateTime(text, false, year, mo, d, h, m, s, micros, microDigits, offset);
    }

    /**
     * The timestamp of {@code instant} in UTC ({@code +000}), truncated to microseconds.
     *
     * @param instant the instant
     * @return the timestamp
     */
    public static CimDateTime of(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999)
            throw new CimException(CimError.TYPE_MISMATCH, instant + " is outside the CIM datetime years 0000-9999");
        StringBuilder s = new StringBuilder(LENGTH);
        digits(s, t.getYear(), 4);
        digits(s, t.getMonthValue(), 2);
        digits(s, t.getDayOfMonth(), 2);
        digits(s, t.getHour(), 2);
        digits(s, t.getMinute(), 2);
        digits(s, t.getSecond(), 2);
        digits(s.append('.'), t.getNano() / 1000, 6);
        return parse(s.append("+000").toString());
    }

    /**
     * The interval of {@code duration}, truncated to microseconds; negative or too long durations fail.
     *
     * @param duration the length, 0 to 99,999,999 days
     * @return the interval
     */
    public static CimDateTime interval(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative())
            throw new CimException(CimError.TYPE_MISMATCH, "a CIM interval cannot be negative: " + duration);
        long days = duration.toDays();
        if (days > MAX_INTERVAL_DAYS)
            throw new CimException(CimError.TYPE_MISMATCH, duration + " exceeds the longest CIM interval (99999999 days)");
        Duration rest = duration.minusDays(days);
        StringBuilder s = new StringBuilder(LENGTH);
        digits(s, days, 8);
        digits(s, rest.toHoursPart(), 2);
        digits(s, rest.toMinutesPart(), 2);
        digits(s, rest.toSecondsPart(), 2);
        digits(s.append('.'), rest.toNanosPart() / 1000, 6);
        return parse(s.append(":000").toString());
    }

    /**
     * Appends {@code value} (not negative) in ASCII digits, zero-padded to {@code width}. Not
     * String.format: DMTF text is ASCII in every locale, and a process's first Formatter loads the
     * locale data (a tenth of a short CLI command's start).
     */
    private static void digits(StringBuilder s, long value, int width) {
        String v = Long.toString(value);
        for (int i = v.length(); i < width; i++) s.append('0');
        s.append(v);
    }

    /**
     * Whether this is an interval rather than a timestamp.
     *
     * @return true for an interval
     */
    public boolean isInterval() {
        return interval;
    }

    /**
     * True when some field is written as asterisks.
     *
     * @return whether any field is unspecified
     */
    public boolean hasWildcards() {
        return text.indexOf('*') >= 0;
    }

    /**
     * True when this names one instant (a timestamp) or one length (an interval): no wildcards, no all-zero date.
     *
     * @return whether the value is exact
     */
    public boolean isExact() {
        return !hasWildcards() && (interval || month != 0);
    }

    /**
     * The instant of a fully specified timestamp; fails for intervals and for timestamps with wildcards.
     *
     * @return the instant
     * @throws CimException TYPE_MISMATCH for an interval, wildcards, or a date that names no instant
     */
    public Instant toInstant() {
        if (interval) throw new CimException(CimError.TYPE_MISMATCH, "'" + text + "' is an interval, not a timestamp");
        if (hasWildcards())
            throw new CimException(CimError.TYPE_MISMATCH, "'" + text + "' has unspecified fields and names no single instant");
        try {
            return LocalDateTime.of((int) yearOrDays, month, day, hour, minute, second, micros * 1000)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
        } catch (DateTimeException e) {
            throw new CimException(CimError.TYPE_MISMATCH, "'" + text + "' names no instant: " + e.getMessage(), e);
        }
    }

    /**
     * The length of a fully specified interval; fails for timestamps and for intervals with wildcards.
     *
     * @return the length
     * @throws CimException TYPE_MISMATCH for a timestamp or wildcards
     */
    public Duration toDuration() {
        if (!interval) throw new CimException(CimError.TYPE_MISMATCH, "'" + text + "' is a timestamp, not an interval");
        if (hasWildcards())
            throw new CimException(CimError.TYPE_MISMATCH, "'" + text + "' has unspecified fields and names no single duration");
        return Duration.ofDays(yearOrDays).plusHours(hour).plusMinutes(minute).plusSeconds(second)
                .plus(micros, ChronoUnit.MICROS);
    }

    /**
     * Year of a timestamp, or {@link #UNSPECIFIED}.
     *
     * @return the year
     */
    public int year() { requireTimestamp(); return (int) yearOrDays; }
    /**
     * Month 1-12 of a timestamp, or {@link #UNSPECIFIED}.
     *
     * @return the month
     */
    public int month() { requireTimestamp(); return month; }
    /**
     * Day of month of a timestamp, or {@link #UNSPECIFIED}.
     *
     * @return the day
     */
    public int day() { requireTimestamp(); return day; }
    /**
     * Days of an interval, or {@link #UNSPECIFIED}.
     *
     * @return the days
     */
    public long days() {
        if (!interval) throw new CimException(CimError.TYPE_MISMATCH, "'" + text + "' is a timestamp, not an interval");
        return yearOrDays;
    }
    /**
     * The hour, or {@link #UNSPECIFIED}.
     *
     * @return 0-23
     */
    public int hour() { return hour; }
    /**
     * The minute, or {@link #UNSPECIFIED}.
     *
     * @return 0-59
     */
    public int minute() { return minute; }
    /**
     * The second, or {@link #UNSPECIFIED}.
     *
     * @return 0-59
     */
    public int second() { return second; }
    /**
     * The microseconds as written (only the significant digits, see {@link #microsecondDigits()}), or {@link #UNSPECIFIED}.
     *
     * @return the microseconds
     */
    public int micros() { return micros; }
    /**
     * How many microsecond digits are significant (0-6).
     *
     * @return the digit count
     */
    public int microsecondDigits() { return microDigits; }
    /**
     * The signed UTC offset in minutes of a timestamp; empty when written as stars.
     *
     * @return the offset
     */
    public java.util.OptionalInt utcOffsetMinutes() {
        requireTimestamp();
        return offsetMinutes == UNSPECIFIED_OFFSET ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(offsetMinutes);
    }

    /**
     * Orders fully specified timestamps by instant and intervals by length; anything else (mixed
     * kinds, wildcards) by text. Consistent with equals only for values of one offset.
     *
     * @param o the other value
     * @return negative, zero or positive
     */
    @Override
    public int compareTo(CimDateTime o) {
        if (interval == o.interval && isExact() && o.isExact()) {
            int c = interval ? toDuration().compareTo(o.toDuration()) : toInstant().compareTo(o.toInstant());
            if (c != 0) return c;
        }
        return text.compareTo(o.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimDateTime d && d.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The canonical 25-character DMTF text. */
    @Override
    public String toString() {
        return text;
    }

    private void requireTimestamp() {
        if (interval) throw new CimException(CimError.TYPE_MISMATCH, "'" + text + "' is an interval, not a timestamp");
    }

    /** A fixed-width decimal field, or all stars (UNSPECIFIED). */
    private static long field(String text, int start, int width, String name, long min, long max) {
        if (text.charAt(start) == '*') {
            for (int i = start; i < start + width; i++) {
                if (text.charAt(i) != '*') throw error(text, i, name + ": a field is either all digits or all '*'");
            }
            return UNSPECIFIED;
        }
        long v = 0;
        for (int i = start; i < start + width; i++) {
            char c = text.charAt(i);
            if (c == '*') throw error(text, i, name + ": a field is either all digits or all '*'");
            if (!isDigit(c)) throw error(text, i, name + ": expected a digit but found '" + c + "'");
            v = v * 10 + (c - '0');
        }
        if (v < min || v > max)
            throw error(text, start, name + " " + text.substring(start, start + width) + " is not in " + pad(min, width) + "-" + pad(max, width));
        return v;
    }

    private static String pad(long v, int width) {
        String s = Long.toString(v);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static CimException error(String text, int position, String what) {
        return new CimException(CimError.TYPE_MISMATCH,
                "invalid CIM datetime '" + CimValue.abbreviate(text) + "' at position " + position + ": " + what);
    }
}

package io.hyperv4j.cim;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.*;

class CimDateTimeProperties {

    @Property
    void instantsRoundTripThroughText(@ForAll("instants") Instant instant) {
        CimDateTime d = CimDateTime.of(instant);
        CimDateTime back = CimDateTime.parse(d.toString());
        assertEquals(d, back);
        assertEquals(d.toString(), back.toString());
        assertEquals(instant, back.toInstant());
    }

    @Property
    void offsetsDoNotChangeTheInstant(@ForAll("instants") Instant instant, @ForAll("offsets") int offset) {
        java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.ofTotalSeconds(offset * 60));
        Assume.that(local.getYear() >= 0 && local.getYear() <= 9999);
        String text = String.format("%04d%02d%02d%02d%02d%02d.%06d%s%03d", local.getYear(), local.getMonthValue(),
                local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond(), local.getNano() / 1000,
                offset < 0 ? "-" : "+", Math.abs(offset));
        CimDateTime d = CimDateTime.parse(text);
        assertEquals(text, d.toString());
        assertEquals(instant, d.toInstant());
    }

    @Property
    void intervalsRoundTrip(@ForAll("durations") Duration duration) {
        CimDateTime d = CimDateTime.interval(duration);
        assertEquals(d, CimDateTime.parse(d.toString()));
        assertEquals(duration, CimDateTime.parse(d.toString()).toDuration());
    }

    @Property
    void wildcardedTextRoundTrips(@ForAll("instants") Instant instant, @ForAll("starMasks") int mask) {
        char[] c = CimDateTime.of(instant).toString().toCharArray();
        int[][] fields = {{0, 4}, {4, 6}, {6, 8}, {8, 10}, {10, 12}, {12, 14}, {22, 25}};
        for (int f = 0; f < fields.length; f++)
            if ((mask & (1 << f)) != 0) for (int i = fields[f][0]; i < fields[f][1]; i++) c[i] = '*';
        int keepMicros = (mask >> 7) % 7;
        for (int i = 15 + keepMicros; i < 21; i++) c[i] = '*';
        String text = new String(c);
        CimDateTime d = CimDateTime.parse(text);
        assertEquals(text, d.toString());
        assertEquals(d, CimDateTime.parse(d.toString()));
        assertEquals(text.indexOf('*') >= 0, d.hasWildcards());
    }

    @Property(tries = 2000)
    void mutatedTextFailsOnlyWithCimException(@ForAll("instants") Instant instant,
                                              @ForAll("positions") int pos, @ForAll char replacement) {
        StringBuilder b = new StringBuilder(CimDateTime.of(instant).toString());
        if (pos < b.length()) b.setCharAt(pos, replacement); else b.append(replacement);
        try {
            CimDateTime d = CimDateTime.parse(b.toString());
            assertEquals(b.toString(), d.toString());
        } catch (CimException e) {
            assertTrue(e.getMessage().contains("position"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("0001-01-02T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-30T23:59:59Z").getEpochSecond())
                .flatMap(s -> Arbitraries.integers().between(0, 999_999).map(us -> Instant.ofEpochSecond(s, us * 1000L)));
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(-720, 840);
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.longs().between(0, 99_999_999L * 86_400 - 1)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999).map(us -> Duration.ofSeconds(s, us * 1000L)));
    }

    @Provide
    Arbitrary<Integer> starMasks() {
        return Arbitraries.integers().between(0, (1 << 7) * 7 - 1);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 25);
    }
}

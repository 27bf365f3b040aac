package io.hyperv4j.cim;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CimDateTimeTest {

    @Test
    void timestampWithOffsetNamesTheRightInstant() {
        CimDateTime d = CimDateTime.parse("20240115103000.123456-300");
        assertFalse(d.isInterval());
        assertEquals(Instant.parse("2024-01-15T15:30:00.123456Z"), d.toInstant());
        assertEquals(-300, d.utcOffsetMinutes().getAsInt());
        assertEquals("20240115103000.123456-300", d.toString());
        assertEquals(2024, d.year());
        assertEquals(1, d.month());
    }

    @Test
    void ofInstantIsUtcAndTruncatesToMicros() {
        CimDateTime d = CimDateTime.of(Instant.parse("2023-12-31T23:59:59.987654321Z"));
        assertEquals("20231231235959.987654+000", d.toString());
        assertEquals(Instant.parse("2023-12-31T23:59:59.987654Z"), d.toInstant());
    }

    @Test
    void isWrittenInAsciiDigitsWhateverTheDefaultLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        // Thai digits: String.format("%04d") wrote the year as ๒๐๒๓, which is no DMTF datetime
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("th-TH-u-nu-thai"));
        try {
            assertEquals("20231231235959.987654+000", CimDateTime.of(Instant.parse("2023-12-31T23:59:59.987654321Z")).toString());
            assertEquals("00000001000000.000000:000", CimDateTime.interval(Duration.ofDays(1)).toString());
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void intervalRoundTripsThroughDuration() {
        Duration dur = Duration.ofDays(12).plusHours(3).plusMinutes(4).plusSeconds(5).plusNanos(6_000);
        CimDateTime i = CimDateTime.interval(dur);
        assertEquals("00000012030405.000006:000", i.toString());
        assertTrue(i.isInterval());
        assertEquals(dur, i.toDuration());
        assertEquals(12, i.days());
        assertEquals(i, CimDateTime.parse(i.toString()));
    }

    @Test
    void kindsRefuseTheOtherKindsConversion() {
        CimException e1 = assertThrows(CimException.class, () -> CimDateTime.parse("00000001000000.000000:000").toInstant());
        assertTrue(e1.getMessage().contains("interval"), e1.getMessage());
        CimException e2 = assertThrows(CimException.class, () -> CimDateTime.parse("20240101000000.000000+000").toDuration());
        assertTrue(e2.getMessage().contains("timestamp"), e2.getMessage());
        assertThrows(CimException.class, () -> CimDateTime.interval(Duration.ofSeconds(-1)));
        assertThrows(CimException.class, () -> CimDateTime.of(Instant.parse("+10000-01-01T00:00:00Z")));
    }

    @Test
    void wildcardsAreKeptAndBlockConversion() {
        CimDateTime w = CimDateTime.parse("20240115******.******+***");
        assertTrue(w.hasWildcards());
        assertEquals("20240115******.******+***", w.toString());
        assertEquals(CimDateTime.UNSPECIFIED, w.hour());
        assertTrue(w.utcOffsetMinutes().isEmpty());
        CimException e = assertThrows(CimException.class, w::toInstant);
        assertTrue(e.getMessage().contains("unspecified"), e.getMessage());
        CimDateTime partialMicros = CimDateTime.parse("20240115103000.123***+060");
        assertEquals(123, partialMicros.micros());
        assertEquals(3, partialMicros.microsecondDigits());
        assertEquals(partialMicros, CimDateTime.parse(partialMicros.toString()));
        assertTrue(CimDateTime.parse("********103000.000000:000").isInterval());
    }

    @Test
    void malformedTextNamesPositionAndField() {
        assertError("2024011510300.123456+000", "position 24", "25 characters");
        assertError("20241315103000.123456+000", "position 4", "month 13");
        assertError("20240230103000.123456+000", "position 6", "day 30");
        assertError("20240115253000.123456+000", "position 8", "hour 25");
        assertError("2024011510300x.123456+000", "position 13", "digit");
        assertError("20240115103000,123456+000", "position 14", "'.'");
        assertError("20240115103000.123456*000", "position 21", "'+' or '-'");
        assertError("00000001000000.000000:001", "position 22", ":000");
        assertError("20240115103000.12*456+000", "position 18", "microseconds");
        assertError("2024011510300*.123456+000", "position 13", "all digits or all '*'");
        assertError("20230229000000.000000+000", "position 6", "month 2 of 2023");
        CimDateTime leap = CimDateTime.parse("20240229000000.000000+000");
        assertEquals(29, leap.day());
    }

    @Test
    void allZeroDateIsAcceptedButNamesNoInstant() {
        CimDateTime zero = CimDateTime.parse("00000000000000.000000+000");
        assertEquals("00000000000000.000000+000", zero.toString());
        CimException e = assertThrows(CimException.class, zero::toInstant);
        assertTrue(e.getMessage().contains("names no instant"), e.getMessage());
        assertFalse(zero.isExact());
        assertTrue(zero.compareTo(CimDateTime.of(Instant.EPOCH)) < 0);
        assertError("00000100000000.000000+000", "position 6", "day 00");
    }

    @Test
    void equalityIsTextualOrderingIsByInstant() {
        CimDateTime utc = CimDateTime.parse("20240115150000.000000+000");
        CimDateTime est = CimDateTime.parse("20240115100000.000000-300");
        assertNotEquals(utc, est);
        assertEquals(utc.toInstant(), est.toInstant());
        assertEquals(0, utc.compareTo(est) == 0 ? 0 : Integer.signum(utc.toInstant().compareTo(est.toInstant())));
        assertTrue(CimDateTime.parse("20240115150000.000001+000").compareTo(est) > 0);
        assertEquals(utc.hashCode(), CimDateTime.parse(utc.toString()).hashCode());
    }

    @Test
    void cimValueParsesDatetimeText() {
        CimValue v = CimValue.parse(CimType.DATETIME, "20240115103000.123456-300");
        assertEquals("20240115103000.123456-300", v.asString());
    }

    private static void assertError(String text, String... fragments) {
        CimException e = assertThrows(CimException.class, () -> CimDateTime.parse(text));
        assertEquals(CimError.TYPE_MISMATCH, e.error());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), e.getMessage() + " lacks " + f);
    }
}

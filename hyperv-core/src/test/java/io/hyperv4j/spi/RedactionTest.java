package io.hyperv4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The forms of finding 5 of issue 12: each was echoed, two passed the password check. */
class RedactionTest {

    @Test
    void everyMalformedFormHidesThePassword() {
        assertEquals("//***@host", Redaction.uri("//user:PW@host"));
        assertEquals("wmi:***@host", Redaction.uri("wmi:user:PW@host"));
        assertEquals("wmi://***@host:***", Redaction.uri("wmi://user:PW@host:notaport"));
        assertEquals("wmi://***@host", Redaction.uri("wmi://user:P\nW@host"));
        assertEquals("wmi://***@host", Redaction.uri("wmi://user%3APW@host"));
        assertEquals("wmi://host/***", Redaction.uri("wmi://host/PW"));
        assertEquals("wmi://host?***", Redaction.uri("wmi://host?authority=PW"));
        assertEquals("wmi://host#***", Redaction.uri("wmi://host#PW"));
        assertEquals("wmi://host\\u000A", Redaction.uri("wmi://host\n"));
        assertEquals("wmi://hv01:5985", Redaction.uri("wmi://hv01:5985"));
        assertEquals("wmi://[fe80::1]", Redaction.uri("wmi://[fe80::1]"));
    }

    @Test
    void everyPasswordFormIsRecognised() {
        for (String t : new String[] {"//user:PW@host", "wmi:user:PW@host", "wmi://user:PW@host:notaport", "wmi://user:P\nW@host",
                "wmi://user%3APW@host", "wmi://user%3aPW@host", "admin:PW@host", "wmi://user:@host"})
            assertTrue(Redaction.hasPassword(t), t);
        for (String t : new String[] {"wmi://hv01", "wmi://CORP%5Cops@hv01", "wmi://[::1]", "wmi://hv01?authority=kerberos:CORP%5Chv01", "sim:standalone"})
            assertFalse(Redaction.hasPassword(t), t);
    }

    @Test
    void usersLoseWhatFollowsAColonAndShowInvisibleCharacters() {
        assertEquals("admin:***", Redaction.user("admin:PW"));
        assertEquals("CORP\\ops", Redaction.user("CORP\\ops"));
        assertEquals("a\\u202Eb", Redaction.user("a\u202Eb"));
    }
}

package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where --host gets its credentials: environment, prompt, or the current identity; never the command line. */
class HostCredentialsTest {

    @BeforeEach
    void reset() {
        RecordingTransport.last = null;
        RecordingTransport.opened = false;
    }

    private CliRunner.Result run(Environment env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.withInstalledNouns(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).run(args);
        return new CliRunner.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void userAndPasswordComeFromTheEnvironmentAndAreNeverPrinted() {
        Environment env = Environment.isolated(Map.of("HYPERV4J_USER", "CORP\\admin", "HYPERV4J_PASSWORD", "s3cret!"), Clock.systemUTC());
        CliRunner.Result r = run(env, "--host", "recording://hv01", "--json", "vm", "list");
        assertEquals(0, r.code(), r.toString());
        assertEquals("admin", RecordingTransport.last.user());
        assertEquals("CORP", RecordingTransport.last.domain());
        assertEquals("s3cret!", RecordingTransport.last.password());
        assertFalse(r.out().contains("s3cret") || r.err().contains("s3cret"), r.toString());
    }

    @Test
    void aMissingPasswordIsAskedFor() {
        AtomicReference<String> asked = new AtomicReference<>();
        Environment env = new Environment(Map.of("HYPERV4J_USER", "admin"), true,
                prompt -> {
                    asked.set(prompt);
                    return Optional.of("typed".toCharArray());
                }, Clock.systemUTC());
        CliRunner.Result r = run(env, "--host", "recording://hv01", "vm", "list");
        assertEquals(0, r.code(), r.toString());
        assertTrue(asked.get().contains("admin") && asked.get().contains("hv01"), asked.get());
        assertEquals("typed", RecordingTransport.last.password());
        assertNull(RecordingTransport.last.domain());
    }

    @Test
    void withoutAPasswordOrSomeoneToAskTheCommandFails() {
        Environment env = Environment.isolated(Map.of("HYPERV4J_USER", "admin"), Clock.systemUTC());
        CliRunner.Result r = run(env, "--host", "recording://hv01", "vm", "list");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("no password for admin: set HYPERV4J_PASSWORD"), r.toString());
        assertFalse(RecordingTransport.opened, "nothing was opened");
    }

    @Test
    void withoutAUserTheCurrentIdentityIsUsed() {
        CliRunner.Result r = run(Environment.isolated(Map.of(), Clock.systemUTC()), "--host", "recording://hv01", "vm", "list");
        assertEquals(0, r.code(), r.toString());
        assertNull(RecordingTransport.last.user());
    }

    @Test
    void aHostNoTransportSupportsIsAFailureListingTheTransports() {
        CliRunner.Result r = run(Environment.isolated(Map.of(), Clock.systemUTC()), "--host", "gopher://hv01", "vm", "list");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("no transport can reach gopher: URIs"), r.toString());
        assertTrue(r.err().contains("recording"), r.toString());
    }

    @Test
    void aPasswordInTheUriIsAUsageErrorAndNotEchoed() {
        CliRunner.Result r = run(Environment.isolated(Map.of(), Clock.systemUTC()), "--host", "recording://admin:hunter2@hv01", "vm", "list");
        assertEquals(2, r.code(), r.toString());
        assertFalse(r.err().contains("hunter2"), r.toString());
        assertFalse(RecordingTransport.opened);
        List.of(r.out(), r.err()).forEach(s -> assertFalse(s.contains("hunter2")));
    }

    @Test
    void aPasswordInAUriThatDoesNotParseIsRefusedAsAPasswordAndNotEchoed() {
        CliRunner.Result r = run(Environment.isolated(Map.of(), Clock.systemUTC()), "--host", "wmi://admin:hunter 2@hv01", "vm", "list");
        assertEquals(2, r.code(), r.toString());
        assertFalse(r.err().contains("hunter") || r.out().contains("hunter"), r.toString());
        assertTrue(r.err().contains("--host must not contain a password"), r.toString());
        assertFalse(RecordingTransport.opened);
    }

    @Test
    void aUriThatDoesNotParseIsShownWithoutItsUserPathOrQuery() {
        CliRunner.Result r = run(Environment.isolated(Map.of(), Clock.systemUTC()), "--host", "wmi://ad min@hv01/a b?c", "vm", "list");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("'wmi://***@hv01/***' is not a URI"), r.toString());
    }

    @Test
    void aPasswordInTheUserVariableIsRefusedAndNotEchoed() {
        Environment env = Environment.isolated(Map.of("HYPERV4J_USER", "admin:hunter2"), Clock.systemUTC());
        CliRunner.Result r = run(env, "--host", "recording://hv01", "vm", "list");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("HYPERV4J_USER must name a user only"), r.toString());
        assertFalse(r.err().contains("hunter2"), r.toString());
        assertFalse(RecordingTransport.opened);
    }
}

package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.spi.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A secret put into every part of a host address and of the credential variables, in every
 * malformed shape seen in the field (issue 12, finding 5), never appears in what the tool prints,
 * in its log or in an exception message (stack traces included), and a password form is always
 * refused as one. The tool runs in-process; System.out and System.err (where the log goes) are
 * captured too.
 */
class SecretRedactionProperties {

    /** Where the secret goes. Each shape takes (user, secret) and gives the --host text. */
    enum Form {
        USERINFO(true, (u, s) -> "wmi://" + u + ":" + s + "@hv01"),
        NO_SCHEME(true, (u, s) -> "//" + u + ":" + s + "@hv01"),
        NO_SLASHES(true, (u, s) -> "wmi:" + u + ":" + s + "@hv01"),
        BARE(true, (u, s) -> u + ":" + s + "@hv01"),
        BAD_PORT(true, (u, s) -> "wmi://" + u + ":" + s + "@hv01:notaport"),
        NEWLINE_IN_PASSWORD(true, (u, s) -> "wmi://" + u + ":" + s + "\n@hv01"),
        NEWLINE_BEFORE_PASSWORD(true, (u, s) -> "wmi://" + u + ":\n" + s + "@hv01"),
        ENCODED_COLON(true, (u, s) -> "wmi://" + u + "%3A" + s + "@hv01"),
        ENCODED_COLON_LOWER(true, (u, s) -> "wmi://" + u + "%3a" + s + "@hv01"),
        NO_HOST(true, (u, s) -> "wmi://" + u + ":" + s + "@"),
        SPACE_IN_PASSWORD(true, (u, s) -> "wmi://" + u + ":" + s + " x@hv01"),
        TRANSPORT_THAT_OPENS(true, (u, s) -> "recording://" + u + ":" + s + "@hv01"),
        UNKNOWN_SCHEME(true, (u, s) -> "gopher://" + u + ":" + s + "@hv01"),
        PATH(false, (u, s) -> "wmi://hv01/" + s),
        QUERY_VALUE(false, (u, s) -> "wmi://hv01?authority=" + s),
        QUERY_NAME(false, (u, s) -> "wmi://hv01?" + s + "=1"),
        QUERY_BARE(false, (u, s) -> "wmi://hv01?" + s),
        LOCALE(false, (u, s) -> "wmi://hv01?locale=" + s),
        FRAGMENT(false, (u, s) -> "wmi://hv01#" + s),
        PORT(false, (u, s) -> "wmi://hv01:" + s),
        USER_THEN_PATH(false, (u, s) -> "wmi://" + u + "@hv01/x?y=" + s + "#" + s),
        OPAQUE_PATH(false, (u, s) -> "wmi:hv01/" + s),
        NEWLINE_IN_HOST(false, (u, s) -> "wmi://hv01\n/" + s);

        final boolean password;
        final BiFunction<String, String, String> text;

        Form(boolean password, BiFunction<String, String, String> text) {
            this.password = password;
            this.text = text;
        }
    }

    /** How the address reaches the tool. */
    enum Placement { SEPARATE, INLINE, AFTER_VERB }

    record Run(int code, String printed) {}

    @Property(tries = 400)
    void aSecretInAnyPartOfTheHostIsNeverShown(@ForAll Form form, @ForAll Placement placement, @ForAll("users") String user,
                                               @ForAll("secrets") String secret, @ForAll boolean debug, @ForAll boolean json) {
        String host = form.text.apply(user, secret);
        List<String> args = new ArrayList<>();
        if (debug) args.add("--debug");
        if (json) args.add("--json");
        switch (placement) {
            case SEPARATE -> args.addAll(List.of("--host", host, "vm", "list"));
            case INLINE -> args.addAll(List.of("--host=" + host, "vm", "list"));
            case AFTER_VERB -> args.addAll(List.of("vm", "list", "--host", host));
        }
        Run r = run(Map.of(HostTarget.PASSWORD_VARIABLE, "pw"), args);
        assertFalse(r.printed.contains(secret), () -> "secret '" + secret + "' shown for " + form + ":\n" + r.printed);
        if (form.password) {
            assertEquals(Cli.USAGE, r.code, r.printed);
            assertTrue(r.printed.contains("--host must not contain a password"), r.printed);
        } else {
            assertTrue(r.code != Cli.OK, r.printed);
        }
    }

    @Property(tries = 100)
    void aSecretInTheCredentialVariablesIsNeverShown(@ForAll("users") String user, @ForAll("secrets") String secret,
                                                     @ForAll boolean passwordAlsoSet, @ForAll("hosts") String host) {
        Map<String, String> env = new HashMap<>();
        env.put(HostTarget.USER_VARIABLE, user + ":" + secret);
        if (passwordAlsoSet) env.put(HostTarget.PASSWORD_VARIABLE, secret);
        Run r = run(env, List.of("--debug", "--host", host, "vm", "list"));
        assertFalse(r.printed.contains(secret), () -> "secret shown:\n" + r.printed);
        assertEquals(Cli.FAILED, r.code, r.printed);
        assertTrue(r.printed.contains(HostTarget.USER_VARIABLE + " must name a user only"), r.printed);
        assertFalse(RecordingTransport.opened && RecordingTransport.last.user().contains(secret), "the transport got the secret as a user");
    }

    @Property(tries = 100)
    void theRedactedFormOfAnyTextHoldsNoSecretAfterAnAt(@ForAll("secrets") String secret, @ForAll("users") String user,
                                                         @ForAll Form form) {
        String text = form.text.apply(user, secret);
        assertFalse(Redaction.uri(text).contains(secret), Redaction.uri(text));
        assertEquals(form.password, Redaction.hasPassword(text), text);
    }

    @Provide
    Arbitrary<String> secrets() {
        // Marked so that no fixed text of the tool can contain one; no '@', which would make any address ambiguous.
        Arbitrary<String> body = Arbitraries.strings().alpha().numeric().withChars("!$&'()*+,;=-._~%/?#:[]")
                .ofMinLength(4).ofMaxLength(24);
        return body.map(b -> "Zq" + b + "9K");
    }

    @Provide
    Arbitrary<String> users() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
        return Combinators.combine(name, Arbitraries.of("", "CORP%5C")).as((n, d) -> d + n);
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.of("wmi://hv01", "recording://hv01", "wmi://ops@hv01");
    }

    private static Run run(Map<String, String> variables, List<String> args) {
        RecordingTransport.opened = false;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream system = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        PrintStream capture = new PrintStream(system, true, StandardCharsets.UTF_8);
        int code;
        try {
            System.setOut(capture);
            System.setErr(capture);   // slf4j-simple writes the log here
            code = Cli.withInstalledNouns(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Environment.isolated(variables, Clock.systemUTC()))
                    .run(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)
                + system.toString(StandardCharsets.UTF_8));
    }
}

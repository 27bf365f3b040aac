package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argument parsing, usage and exit codes of the framework, with a noun that records what it got. */
class CliTest {

    /** A noun that records its parsed arguments and fails on request. */
    static final class EchoNoun implements NounCommand {
        final List<String> calls = new ArrayList<>();

        @Override public String name() { return "echo"; }
        @Override public String summary() { return "repeat arguments"; }

        @Override
        public List<Verb> verbs() {
            return List.of(
                    Verb.of("say", "say NAME").arg("NAME").optionalArg("EXTRA")
                            .option("--times", "N", "how often").flag("--loud", "shout")
                            .repeatableOption("--tag", "T", "a tag"),
                    Verb.of("fail", "fail as an operation"),
                    Verb.of("crash", "fail as a bug"));
        }

        @Override
        public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
            switch (verb.name()) {
                case "say" -> {
                    long times = args.longOption("--times", 1, 10).orElse(1L);
                    String text = args.arg("NAME") + args.optionalArg("EXTRA").map(e -> "+" + e).orElse("");
                    calls.add(text + " x" + times + (args.flag("--loud") ? " loud" : "") + " tags=" + args.options("--tag")
                            + " json=" + ctx.json());
                    ctx.output().result(CimJson.object(Map.of("said", text)), "said " + text);
                }
                case "fail" -> throw new CimException(CimError.NOT_FOUND, "no VM named 'x'");
                case "crash" -> throw new IllegalStateException("bug");
                default -> throw new IllegalStateException(verb.name());
            }
        }
    }

    final EchoNoun echo = new EchoNoun();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Cli cli = new Cli(List.of(echo), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), Environment.isolated(Map.of(), Clock.systemUTC()));

    String out() { return out.toString(StandardCharsets.UTF_8); }
    String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void runsTheVerbWithItsArgumentsAndOptions() {
        assertEquals(0, cli.run("echo", "say", "web1", "--times", "3", "--loud", "--tag", "a", "--tag=b"));
        assertEquals(List.of("web1 x3 loud tags=[a, b] json=false"), echo.calls);
        assertEquals("said web1\n", out());
        assertEquals("", err());
    }

    @Test
    void globalOptionsWorkBeforeTheNounAndAmongTheVerbsArguments() {
        assertEquals(0, cli.run("--json", "echo", "say", "a"));
        assertEquals(0, cli.run("echo", "say", "b", "--json", "extra"));
        assertEquals(List.of("a x1 tags=[] json=true", "b+extra x1 tags=[] json=true"), echo.calls);
        assertTrue(out().contains("\"said\" : \"a\""), out());
    }

    @Test
    void usageErrorsExitWith2AndShowTheNounsUsage() {
        assertUsage(cli.run("echo", "say"), "missing argument NAME for 'echo say'");
        assertUsage(cli.run("echo", "say", "a", "--colour", "red"), "unknown option '--colour' for 'echo say'");
        assertUsage(cli.run("echo", "say", "a", "-x"), "unknown option '-x'");
        assertUsage(cli.run("echo", "say", "a", "b", "c"), "unexpected argument 'c'");
        assertUsage(cli.run("echo", "say", "a", "--times"), "option --times needs a value N");
        assertUsage(cli.run("echo", "say", "a", "--times", "many"), "option --times needs a whole number, got 'many'");
        assertUsage(cli.run("echo", "say", "a", "--times", "11"), "option --times must be between 1 and 10");
        assertUsage(cli.run("echo", "say", "a", "--times", "1", "--times", "2"), "option --times given more than once");
        assertUsage(cli.run("echo", "shout"), "unknown verb 'shout' for 'echo'");
        assertUsage(cli.run("echo"), "missing VERB for 'echo'");
        assertTrue(echo.calls.isEmpty(), "nothing ran");
    }

    private void assertUsage(int code, String message) {
        assertEquals(2, code, err());
        assertTrue(err().contains("hyperv: " + message), err());
        assertTrue(err().contains("hyperv echo say NAME [EXTRA] [--times N] [--loud] [--tag T ...]"), err());
        err.reset();
    }

    @Test
    void unknownNounOrGlobalOptionShowsGeneralUsage() {
        assertEquals(2, cli.run("vmm", "list"));
        assertTrue(err().contains("hyperv: unknown noun 'vmm'"), err());
        assertTrue(err().contains("echo  repeat arguments"), err());
        err.reset();
        assertEquals(2, cli.run("--frobnicate", "echo", "say", "x"));
        assertTrue(err().contains("unknown option '--frobnicate'"), err());
        err.reset();
        assertEquals(2, cli.run());
        assertTrue(err().contains("missing NOUN"), err());
    }

    @Test
    void failedOperationsExitWith1WithAMessageAndNoStackTrace() {
        assertEquals(1, cli.run("echo", "fail"));
        assertEquals("hyperv: WBEM_E_NOT_FOUND: no VM named 'x'\n", err());
        assertEquals("", out());
    }

    @Test
    void debugShowsTheStackTrace() {
        assertEquals(1, cli.run("--debug", "echo", "fail"));
        assertTrue(err().contains("at io.hyperv4j.cli.CliTest$EchoNoun.run"), err());
    }

    @Test
    void unexpectedExceptionsAreFailuresThatPointToDebug() {
        assertEquals(1, cli.run("echo", "crash"));
        assertTrue(err().contains("internal error: bug"), err());
        assertTrue(err().contains("--debug"), err());
        assertFalse(err().contains("\tat "), err());
    }

    @Test
    void helpIsPrintedOnStdoutWithExit0() {
        assertEquals(0, cli.run("help"));
        assertTrue(out().contains("usage: hyperv [--lab FILE [--computer-name NAME]] [--host URI] [--json] NOUN VERB [ARGS]"), out());
        out.reset();
        assertEquals(0, cli.run("echo", "--help"));
        assertTrue(out().contains("hyperv echo fail"), out());
        out.reset();
        assertEquals(0, cli.run("echo", "say", "--help"));
        assertTrue(out().contains("--times N    how often"), out());
        out.reset();
        assertEquals(0, cli.run("help", "echo"));
        assertTrue(out().contains("hyperv echo crash"), out());
        assertEquals(0, cli.run("--help"));
        assertTrue(echo.calls.isEmpty());
    }

    @Test
    void aPasswordOnTheCommandLineIsRefused() {
        assertEquals(2, cli.run("--host", "wmi://admin:secret@hv01", "echo", "say", "x"));
        assertTrue(err().contains("--host must not contain a password; set HYPERV4J_PASSWORD"), err());
        assertFalse(err().contains("secret"), err());
        assertTrue(echo.calls.isEmpty());
        err.reset();
        assertEquals(2, cli.run("--host", "wmi://hv01", "--lab", "x.json", "echo", "say", "x"));
        assertTrue(err().contains("either --lab or --host"), err());
    }

    @Test
    void twoNounsWithOneNameAreRejected() {
        try {
            new Cli(List.of(new EchoNoun(), new EchoNoun()), System.out, System.err, Environment.isolated(Map.of(), Clock.systemUTC()));
            throw new AssertionError("expected a failure");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("two nouns named 'echo'"));
        }
    }

    @Test
    void sizesParseAndFormatLikePowerShell() {
        assertEquals(1024L << 20, Sizes.parse("1024MB"));
        assertEquals(2L << 30, Sizes.parse("2gb"));
        assertEquals(512, Sizes.parse("512"));
        assertEquals("2GB", Sizes.format(2L << 30));
        assertEquals("1536MB", Sizes.format(1536L << 20));
        for (String bad : new String[] {"", "2XB", "-1GB", "1.5GB", "GB"}) {
            try {
                Sizes.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("'" + bad + "'"));
            }
        }
    }
}

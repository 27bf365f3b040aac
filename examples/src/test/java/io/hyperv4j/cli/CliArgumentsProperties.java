package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of the command-line parsing every noun shares. */
class CliArgumentsProperties {
    private static final Verb VERB = Verb.of("new", "test").arg("NAME").option("--cpu", "N", "")
            .option("--memory", "SIZE", "").flag("--as-job", "").repeatableOption("--param", "P", "");

    @Property(tries = 200)
    void sizesRoundTripExactly(@ForAll @LongRange(min = 0, max = 1L << 50) long bytes) {
        assertEquals(bytes, Sizes.parse(Sizes.format(bytes)));
    }

    @Property(tries = 200)
    void unitsAreBinary(@ForAll @IntRange(min = 0, max = 100_000) int n) {
        assertEquals((long) n << 20, Sizes.parse(n + "MB"));
        assertEquals((long) n << 30, Sizes.parse(n + "gb"));
    }

    /** Options may come in any order, before or after the argument, with or without '='. */
    @Property(tries = 200)
    void optionOrderDoesNotMatter(@ForAll("names") String name, @ForAll @IntRange(min = 1, max = 64) int cpu,
                                  @ForAll boolean asJob, @ForAll("params") List<String> params, @ForAll long shuffleSeed,
                                  @ForAll boolean inline) {
        List<List<String>> groups = new ArrayList<>();
        groups.add(List.of(name));
        groups.add(inline ? List.of("--cpu=" + cpu) : List.of("--cpu", Integer.toString(cpu)));
        if (asJob) groups.add(List.of("--as-job"));
        for (String p : params) groups.add(List.of("--param", p));
        List<List<String>> shuffled = new ArrayList<>(groups);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        // Repeated options keep their relative order: restore it among the shuffled --param groups.
        List<String> tokens = new ArrayList<>();
        int nextParam = 0;
        for (List<String> g : shuffled) {
            if (g.get(0).equals("--param")) tokens.addAll(List.of("--param", params.get(nextParam++)));
            else tokens.addAll(g);
        }
        ParsedArgs a = VERB.parse("vm", tokens, new GlobalOptions());
        assertEquals(name, a.arg("NAME"));
        assertEquals(Long.valueOf(cpu), a.longOption("--cpu", 1, 64).orElseThrow());
        assertEquals(asJob, a.flag("--as-job"));
        assertEquals(params, a.options("--param"));
    }

    @Property(tries = 100)
    void anyUndeclaredOptionIsAUsageError(@ForAll("undeclared") String option) {
        UsageException e = assertThrows(UsageException.class, () -> VERB.parse("vm", List.of("web1", option), new GlobalOptions()));
        assertEquals("vm", e.noun());
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("-_. ").ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.startsWith("-"));
    }

    @Provide
    Arbitrary<List<String>> params() {
        return Arbitraries.strings().withCharRange('A', 'z').withChars("=<>\"/ ").ofMinLength(1).ofMaxLength(15)
                .map(v -> "Name=" + v).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> undeclared() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10).map(s -> "--x" + s);
    }
}

package io.hyperv4j.cim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.*;

class ObjectPathProperties {

    @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
    void formatThenParseGivesTheSamePath(@ForAll("paths") ObjectPath path) {
        String text = path.toString();
        ObjectPath back = ObjectPath.parse(text);
        assertEquals(path, back, text);
        assertEquals(text, back.toString());
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void mutatedPathsFailOnlyWithCimException(@ForAll("paths") ObjectPath path, @ForAll("mutations") List<Mutation> mutations) {
        String text = path.toString();
        for (Mutation m : mutations) text = m.apply(text);
        try {
            ObjectPath p = ObjectPath.parse(text);
            assertEquals(p, ObjectPath.parse(p.toString()));
        } catch (CimException e) {
            assertEquals(CimError.INVALID_OBJECT_PATH, e.error());
            assertTrue(e.getMessage().contains("offset"), e.getMessage());
        }
    }

    record Mutation(int kind, int at, char c) {
        String apply(String s) {
            if (s.isEmpty()) return String.valueOf(c);
            int i = Math.floorMod(at, s.length());
            return switch (kind) {
                case 0 -> s.substring(0, i) + s.substring(i + 1);
                case 1 -> s.substring(0, i) + c + s.substring(i);
                case 2 -> s.substring(0, i) + c + s.substring(i + 1);
                default -> s.substring(0, i);
            };
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.of('"', '\\', '\'', '=', ',', '.', ':', '@', '/', '-', ' ', '1'),
                Arbitraries.chars());
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers(), chars)
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<ObjectPath> paths() {
        return paths(2);
    }

    static Arbitrary<String> identifiers() {
        return Combinators.combine(Arbitraries.of("Msvm_", "CIM_", "_", "x", "Ä"),
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').withChars('_', 'é')
                        .ofMaxLength(12)).as(String::concat);
    }

    static Arbitrary<String> nastyStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars('"', '\\', '\'', ',', '=', '.', ':', '@', '{', '}', ' ', 'a', 'é', '中', '😀')
                        .ofMaxLength(16),
                Arbitraries.strings().all().ofMaxLength(10),
                Arbitraries.of("", "\\\\", "a\"b", "Microsoft:5F8B0A1E\\7C2D", "C.K=\"v\""));
    }

    static Arbitrary<ObjectPath> paths(int depth) {
        Arbitrary<Object> keyValue = depth == 0
                ? Arbitraries.oneOf(nastyStrings().map(s -> (Object) s), Arbitraries.longs().map(l -> (Object) l),
                        Arbitraries.of(true, false).map(b -> (Object) b))
                : Arbitraries.oneOf(nastyStrings().map(s -> (Object) s), Arbitraries.longs().map(l -> (Object) l),
                        Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.lazy(() -> paths(depth - 1))
                                // references name instances: a reference key's path always has keys
                                .filter(p -> !p.keys().isEmpty()).map(p -> (Object) p));
        Arbitrary<Map<String, Object>> keys = Arbitraries.maps(identifiers(), keyValue).ofMaxSize(3)
                .filter(ObjectPathProperties::distinctIgnoringCase)
                // a string that is itself a canonical path with keys reads back as a reference; see ObjectPathParser
                .filter(m -> m.values().stream().noneMatch(ObjectPathProperties::looksLikePath));
        Arbitrary<String> server = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of(".", "HOST1", "hv-02.contoso.com"));
        Arbitrary<String> namespace = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.of("root\\virtualization\\v2", "root\\cimv2", "root\\MSCluster", "root"));
        return Combinators.combine(server, namespace, identifiers(), keys)
                .as((s, ns, c, k) -> new ObjectPath(ns == null ? null : s, ns, c, new LinkedHashMap<>(k)));
    }

    private static boolean distinctIgnoringCase(Map<String, Object> m) {
        return m.keySet().stream().map(k -> k.toLowerCase(java.util.Locale.ROOT)).distinct().count() == m.size();
    }

    private static boolean looksLikePath(Object v) {
        if (!(v instanceof String s)) return false;
        try {
            ObjectPath p = ObjectPath.parse(s);
            return !p.keys().isEmpty() && p.toString().equals(s);
        } catch (CimException e) {
            return false;
        }
    }
}

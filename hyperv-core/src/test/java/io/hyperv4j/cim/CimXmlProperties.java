package io.hyperv4j.cim;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.*;
import net.jqwik.api.statistics.Statistics;

class CimXmlProperties {

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void writeThenReadGivesTheSameInstance(@ForAll("instances") CimInstance instance) {
        String xml = CimXml.writeInstance(instance);
        CimInstance back = CimXml.readInstance(xml);
        assertEquals(instance, back, xml);
        assertEquals(xml, CimXml.writeInstance(back));
        Statistics.label("embedding depth").collect(depth(instance));
        Statistics.label("embedding depth").coverage(c -> c.check(2).count(n -> n > 0));
    }

    /** How deep embedded instances nest: 0 when the instance embeds none. */
    static int depth(CimInstance i) {
        int d = 0;
        for (CimValue v : i.properties().values()) {
            if (v.type() != CimType.OBJECT || v.isNull()) continue;
            List<Object> inner = v.array() ? v.asList() : List.of(v.value());
            for (Object o : inner) d = Math.max(d, 1 + depth((CimInstance) o));
        }
        return d;
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void mutatedXmlFailsOnlyWithCimException(@ForAll("instances") CimInstance instance,
                                             @ForAll("mutations") List<ObjectPathProperties.Mutation> mutations) {
        String xml = CimXml.writeInstance(instance);
        for (ObjectPathProperties.Mutation m : mutations) xml = m.apply(xml);
        try {
            CimInstance i = CimXml.readInstance(xml);
            assertNotNull(i.className());
        } catch (CimException e) {
            assertTrue(e.getMessage().contains("line") || e.getMessage().contains("no element"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<List<ObjectPathProperties.Mutation>> mutations() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.of('<', '>', '&', '"', '/', '=', ' ', '!', 'x', ';', '#'),
                Arbitraries.chars());
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers(), chars)
                .as(ObjectPathProperties.Mutation::new).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<CimInstance> instances() {
        return Arbitraries.oneOf(instances(2), nested(2));
    }

    /** An instance whose property "Inner" embeds an instance that embeds another, {@code levels} deep. */
    static Arbitrary<CimInstance> nested(int levels) {
        if (levels == 0) return instances(0);
        return Combinators.combine(instances(1), nested(levels - 1), Arbitraries.of(false, true)).as((outer, inner, asArray) -> {
            CimInstance.Builder b = outer.toBuilder().remove("Inner");
            return b.put("Inner", asArray ? CimValue.array(CimType.OBJECT, List.of(inner, inner)) : CimValue.object(inner)).build();
        });
    }

    static Arbitrary<CimInstance> instances(int depth) {
        Arbitrary<Map<String, CimValue>> props = Arbitraries.maps(
                        ObjectPathProperties.identifiers().filter(n -> !n.startsWith("__")), values(depth))
                .ofMaxSize(6)
                .filter(m -> m.keySet().stream().map(k -> k.toLowerCase(java.util.Locale.ROOT)).distinct().count() == m.size());
        return Combinators.combine(ObjectPathProperties.identifiers(), props).as((c, p) -> {
            CimInstance.Builder b = CimInstance.builder(c);
            p.forEach(b::put);
            return b.build();
        });
    }

    static Arbitrary<CimValue> values(int depth) {
        Arbitrary<CimType> scalarTypes = Arbitraries.of(CimType.values()).filter(t -> t != CimType.OBJECT);
        // embedded objects weigh more, so embedded-in-embedded shows up often
        Arbitrary<CimType> types = depth == 0 ? scalarTypes
                : Arbitraries.frequencyOf(Tuple.of(4, scalarTypes), Tuple.of(1, Arbitraries.just(CimType.OBJECT)));
        return types.flatMap(t -> Arbitraries.oneOf(
                Arbitraries.just(CimValue.nullOf(t)),
                Arbitraries.just(new CimValue(t, true, null)),
                elements(t, depth).map(e -> CimValue.of(t, e)),
                elements(t, depth).list().ofMaxSize(3).map(l -> CimValue.array(t, l))));
    }

    static Arbitrary<Object> elements(CimType t, int depth) {
        Arbitrary<?> a = switch (t) {
            case UINT8, SINT8, UINT16, SINT16, UINT32, SINT32, SINT64 ->
                    Arbitraries.longs().filter(t::fits);
            case UINT64 -> Arbitraries.longs();
            case REAL32 -> Arbitraries.oneOf(Arbitraries.floats(), Arbitraries.of(Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE));
            case REAL64 -> Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-300));
            case BOOLEAN -> Arbitraries.of(true, false);
            case CHAR16 -> xmlChars().filter(c -> !Character.isSurrogate(c));
            case STRING -> xmlStrings();
            case DATETIME -> Arbitraries.oneOf(
                    Arbitraries.longs().between(0, 253_402_300_799L).map(s -> CimDateTime.of(Instant.ofEpochSecond(s, 123_000))),
                    Arbitraries.longs().between(0, 1_000_000_000L).map(s -> CimDateTime.interval(java.time.Duration.ofSeconds(s))),
                    Arbitraries.of("20240115******.******+***", "20240115103000.123***-300").map(CimDateTime::parse));
            case REFERENCE -> ObjectPathProperties.paths(1).filter(p -> isXmlSafe(p.toString()));
            case OBJECT -> Arbitraries.lazy(() -> instances(depth - 1));
        };
        return a.map(x -> (Object) x);
    }

    static Arbitrary<Character> xmlChars() {
        return Arbitraries.oneOf(Arbitraries.chars().range(' ', '\uD7FF'), Arbitraries.of('\t', '\n', '\r', '<', '&', '>', '"', '\''));
    }

    static Arbitrary<String> xmlStrings() {
        return Arbitraries.oneOf(
                xmlChars().list().ofMaxSize(12).map(l -> l.stream().map(String::valueOf).reduce("", String::concat)),
                Arbitraries.of("", " padded ", "]]>", "&amp;", "<INSTANCE CLASSNAME=\"X\"/>", "😀 emoji", "\r\n"));
    }

    static boolean isXmlSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
            if (c == 0xFFFE || c == 0xFFFF) return false;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return false;
        }
        return true;
    }
}

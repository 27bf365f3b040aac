package io.hyperv4j.cim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimDateTime;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over every property of every shipped class: a value of the declared type, sent as text the way
 * the command line and untyped CIM-XML send it, comes back as the same typed value; integers of
 * another width convert exactly when they fit and are refused, naming the property, when not.
 */
class SchemaCoercionProperties {
    private static final List<CimSchema> SCHEMAS = List.of(
            CimSchema.forNamespace("root\\virtualization\\v2"), CimSchema.forNamespace("root\\MSCluster"));

    record Target(CimSchema schema, CimClass cls, CimPropertyDef property) {
        @Override
        public String toString() {
            return cls.name() + "." + property.name() + " " + property.typeText();
        }
    }

    record Case(Target target, CimValue typed) {}

    private static List<Target> targets(boolean integersOnly) {
        List<Target> out = new ArrayList<>();
        for (CimSchema s : SCHEMAS)
            for (CimClass c : s.classes().values())
                for (CimPropertyDef p : c.properties()) {
                    boolean textual = p.embeddedInstance() == null && p.type() != CimType.OBJECT && p.type() != CimType.REFERENCE;
                    if (textual && (!integersOnly || p.type().isInteger())) out.add(new Target(s, c, p));
                }
        return out;
    }

    @Provide
    Arbitrary<Case> typedValues() {
        return Arbitraries.of(targets(false)).flatMap(t -> {
            Arbitrary<Object> element = element(t.property().type());
            if (!t.property().array()) return element.map(e -> new Case(t, CimValue.of(t.property().type(), e)));
            return element.list().ofMaxSize(4).map(l -> new Case(t, CimValue.array(t.property().type(), l)));
        });
    }

    private static Arbitrary<Object> element(CimType type) {
        return switch (type) {
            case UINT8, SINT8, UINT16, SINT16, UINT32, SINT32 -> Arbitraries.longs().between(min(type), max(type)).map(l -> l);
            case UINT64, SINT64 -> Arbitraries.longs().map(l -> l);
            case REAL32 -> Arbitraries.floats().between(-1e6f, 1e6f).map(f -> f);
            case REAL64 -> Arbitraries.doubles().between(-1e12, 1e12).map(d -> d);
            case BOOLEAN -> Arbitraries.of(true, false).map(b -> b);
            case CHAR16 -> Arbitraries.chars().alpha().map(c -> c);
            case STRING -> Arbitraries.strings().ofMaxLength(20).map(s -> s);
            case DATETIME -> Arbitraries.oneOf(
                    Arbitraries.longs().between(0, 4_000_000_000L).map(s -> CimDateTime.of(Instant.ofEpochSecond(s))),
                    Arbitraries.longs().between(0, 10_000_000L).map(s -> CimDateTime.interval(Duration.ofSeconds(s))));
            default -> throw new IllegalArgumentException(type.cimName());
        };
    }

    private static long min(CimType t) {
        return switch (t) {
            case SINT8 -> Byte.MIN_VALUE;
            case SINT16 -> Short.MIN_VALUE;
            case SINT32 -> Integer.MIN_VALUE;
            default -> 0;
        };
    }

    private static long max(CimType t) {
        return switch (t) {
            case UINT8 -> 0xFF;
            case SINT8 -> Byte.MAX_VALUE;
            case UINT16 -> 0xFFFF;
            case SINT16 -> Short.MAX_VALUE;
            case UINT32 -> 0xFFFFFFFFL;
            default -> Integer.MAX_VALUE;
        };
    }

    @Property(tries = 1000)
    void textRoundTripsToTheTypedValue(@ForAll("typedValues") Case c) {
        Target t = c.target();
        List<String> texts = new ArrayList<>();
        if (c.typed().array()) for (Object e : c.typed().asList()) texts.add(CimValue.elementText(c.typed().type(), e));
        CimValue asText = c.typed().array() ? CimValue.strings(texts) : CimValue.string(CimValue.elementText(c.typed().type(), c.typed().value()));
        CimValue back = t.schema().coerceProperty(t.cls().name(), t.property().name(), asText);
        assertEquals(c.typed(), back, t.toString());
        assertEquals(back, t.schema().coerceProperty(t.cls().name(), t.property().name(), back), "idempotent: " + t);
    }

    @Provide
    Arbitrary<Target> integerTargets() {
        return Arbitraries.of(targets(true));
    }

    @Property(tries = 1000)
    void foreignIntegerWidthsConvertExactlyOrAreRefused(@ForAll("integerTargets") Target t, @ForAll long v) {
        CimType to = t.property().type();
        boolean fits = to == CimType.UINT64 ? v >= 0 : to.fits(v);
        CimValue given = CimValue.sint64(v);
        if (fits) {
            CimValue back = t.schema().coerceProperty(t.cls().name(), t.property().name(), given);
            Object element = back.array() ? back.asList().get(0) : back.value();
            assertEquals(v, element, t.toString());
            assertEquals(to, back.type());
        } else {
            CimException e = assertThrows(CimException.class,
                    () -> t.schema().coerceProperty(t.cls().name(), t.property().name(), given), t.toString());
            assertEquals(CimError.TYPE_MISMATCH, e.error());
            assertTrue(e.getMessage().contains(t.cls().name() + "." + t.property().name()), e.getMessage());
        }
    }

    @Provide
    Arbitrary<Target> anyTarget() {
        return Arbitraries.of(targets(false));
    }

    @Property(tries = 300)
    void unknownPropertyNamesAreRefusedWithTheirName(@ForAll("anyTarget") Target t,
                                                      @ForAll("suffixes") String suffix) {
        String name = t.property().name() + suffix;
        CimException e = assertThrows(CimException.class,
                () -> t.schema().coerceProperty(t.cls().name(), name, CimValue.string("1")));
        assertEquals(CimError.INVALID_PROPERTY, e.error());
        assertTrue(e.getMessage().contains(t.cls().name() + "." + name), e.getMessage());
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(3),
                Arbitraries.of("X", "_", "2")).as((a, b) -> "_" + a + b);
    }
}

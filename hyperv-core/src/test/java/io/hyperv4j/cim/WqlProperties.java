package io.hyperv4j.cim;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.*;
import net.jqwik.api.statistics.Statistics;

/**
 * The WQL evaluator against a plain-Java oracle: generated condition trees are rendered to WQL
 * text (random keyword case, minimal or extra parentheses, literals on either side), parsed by
 * {@link Wql}, and evaluated both ways over generated instances.
 */
class WqlProperties {

    // ---- the oracle's model ----

    sealed interface Cond permits Cmp, PropCmp, Like, IsNull, Isa, And, Or, Not {}

    record Cmp(String prop, String op, Object literal, boolean literalFirst) implements Cond {}

    /** Property against property, as event queries compare TargetInstance.X with PreviousInstance.X. */
    record PropCmp(String left, String op, String right) implements Cond {}

    record Like(String prop, String pattern, boolean negated) implements Cond {}

    record IsNull(String prop, boolean negated) implements Cond {}

    record Isa(String className) implements Cond {}

    record And(Cond l, Cond r) implements Cond {}

    record Or(Cond l, Cond r) implements Cond {}

    record Not(Cond c) implements Cond {}

    /** A string literal written as WQL text, kept apart from plain strings so rendering can quote it. */
    record Str(String s) {}

    static final List<String> PROPS = List.of("N", "I", "S", "B", "R", "E.N", "E.S", "Missing");
    static final ClassHierarchy HIERARCHY = (c, a) -> c.equalsIgnoreCase(a) || (c.equalsIgnoreCase("V") && a.equalsIgnoreCase("U"));

    @Property(tries = 1500, edgeCases = EdgeCasesMode.NONE)
    void evaluatorAgreesWithOracle(@ForAll("conditions") Cond cond, @ForAll("renderSeeds") long seed,
                                   @ForAll("instanceLists") List<CimInstance> instances) {
        String wql = "SELECT * FROM T WHERE " + render(cond, new java.util.Random(seed), 0);
        WqlQuery.Select q = Wql.parseSelect(wql);
        for (CimInstance i : instances) {
            boolean expected = oracle(cond, i);
            assertEquals(expected, q.matches(i, HIERARCHY), () -> wql + "\n on " + i.properties());
            Statistics.label("matches").collect(expected);
        }
        // the generated data must exercise both outcomes, or agreement would prove little
        Statistics.label("matches").coverage(c -> {
            c.check(true).percentage(p -> p > 15);
            c.check(false).percentage(p -> p > 15);
        });
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void parsedConditionReRendersToAnEquivalentQuery(@ForAll("conditions") Cond cond, @ForAll("instanceLists") List<CimInstance> instances) {
        WqlQuery.Select q = Wql.parseSelect("SELECT * FROM T WHERE " + render(cond, new java.util.Random(1), 0));
        WqlQuery.Select again = Wql.parseSelect("SELECT * FROM T WHERE " + q.where().toWql());
        assertEquals(q.where(), again.where());
        assertEquals(q, Wql.parse(q.toWql()));
        for (CimInstance i : instances) assertEquals(q.matches(i, HIERARCHY), again.matches(i, HIERARCHY));
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void mutatedQueriesFailOnlyWithInvalidQuery(@ForAll("queries") String query,
                                                @ForAll("mutations") List<ObjectPathProperties.Mutation> mutations,
                                                @ForAll("instanceLists") List<CimInstance> instances) {
        String text = query;
        for (ObjectPathProperties.Mutation m : mutations) text = m.apply(text);
        String mutated = text;
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                WqlQuery q = Wql.parse(mutated);
                if (q instanceof WqlQuery.Select s) for (CimInstance i : instances) s.project(i).equals(i);
                if (q instanceof WqlQuery.Select s) for (CimInstance i : instances) s.matches(i, HIERARCHY);
            } catch (CimException e) {
                assertEquals(CimError.INVALID_QUERY, e.error());
                assertTrue(e.getMessage().contains("offset"), e.getMessage());
            }
        });
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void quotedLiteralsReadBackExactly(@ForAll String text) {
        WqlQuery.Select q = Wql.parseSelect("SELECT * FROM C WHERE S = " + Wql.quote(text));
        WqlExpr.Comparison c = (WqlExpr.Comparison) q.where();
        assertEquals(new WqlExpr.Literal(text), c.right());
        CimInstance i = CimInstance.builder("C").put("S", CimValue.string(text)).build();
        assertTrue(q.matches(i, ClassHierarchy.FLAT));
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void builtAssociationQueriesParseBack(@ForAll("sourcePaths") ObjectPath source) {
        WqlQuery.Associators a = (WqlQuery.Associators) Wql.parse(
                Wql.associatorsOf(source, "Msvm_SettingsDefineState", "CIM_ManagedElement", "ManagedElement", "SettingData"));
        assertEquals(source.relative(), a.source());
        assertEquals("Msvm_SettingsDefineState", a.assocClass());
        assertEquals("SettingData", a.resultRole());
        assertEquals(a, Wql.parse(a.toWql()));
        WqlQuery.References r = (WqlQuery.References) Wql.parse(Wql.referencesOf(source, "Msvm_SettingsDefineState", null));
        assertEquals(r, Wql.parse(r.toWql()));
        assertEquals(source.relative(), r.source());
        assertNull(r.role());
    }

    @Provide
    Arbitrary<ObjectPath> sourcePaths() {
        return ObjectPathProperties.paths(1);
    }

    // ---- oracle ----

    static boolean oracle(Cond c, CimInstance i) {
        if (c instanceof And a) return oracle(a.l(), i) && oracle(a.r(), i);
        if (c instanceof Or o) return oracle(o.l(), i) || oracle(o.r(), i);
        if (c instanceof Not n) return !oracle(n.c(), i);
        if (c instanceof IsNull n) return (value(i, n.prop()) == null) != n.negated();
        if (c instanceof Isa isa) {
            CimValue e = i.get("E");
            if (e == null || e.isNull()) return false;
            String cls = e.asInstance().className();
            return cls.equalsIgnoreCase(isa.className()) || (cls.equals("V") && isa.className().equalsIgnoreCase("U"));
        }
        if (c instanceof Like l) {
            Object v = value(i, l.prop());
            if (v == null) return false;
            String text = v instanceof Boolean b ? (b ? "TRUE" : "FALSE") : v.toString();
            return likeRegex(l.pattern()).matcher(text).matches() != l.negated();
        }
        if (c instanceof PropCmp pc) return holds(pc.op(), oracleCompare(value(i, pc.left()), value(i, pc.right())));
        Cmp cmp = (Cmp) c;
        Object v = value(i, cmp.prop());
        Object lit = cmp.literal() instanceof Str s ? s.s() : cmp.literal();
        Integer sign = oracleCompare(v, lit);
        if (sign == null) return false;
        return holds(cmp.literalFirst() ? mirror(cmp.op()) : cmp.op(), sign);
    }

    static boolean holds(String op, Integer sign) {
        if (sign == null) return false;
        return switch (op) {
            case "=" -> sign == 0;
            case "<>", "!=" -> sign != 0;
            case "<" -> sign < 0;
            case ">" -> sign > 0;
            case "<=" -> sign <= 0;
            case ">=" -> sign >= 0;
            default -> throw new IllegalStateException(op);
        };
    }

    static String mirror(String op) {
        return switch (op) {
            case "<" -> ">";
            case ">" -> "<";
            case "<=" -> ">=";
            case ">=" -> "<=";
            default -> op;
        };
    }

    /** Property value as plain Java: Long, Double, String, Boolean; null for NULL, absent, or below a NULL object. */
    static Object value(CimInstance i, String prop) {
        CimInstance target = i;
        String name = prop;
        if (prop.startsWith("E.")) {
            CimValue e = i.get("E");
            if (e == null || e.isNull()) return null;
            target = e.asInstance();
            name = prop.substring(2);
        }
        CimValue v = target.get(name);
        return v == null || v.isNull() ? null : v.value();
    }

    static Integer oracleCompare(Object v, Object lit) {
        if (v == null || lit == null) return null;
        if (v instanceof Boolean b) {
            Boolean other;
            if (lit instanceof Boolean x) other = x;
            else if (lit instanceof String s) other = stringAsBoolean(s);
            else other = toDecimal(lit).signum() != 0;
            return other == null ? null : Boolean.compare(b, other);
        }
        if (lit instanceof Boolean b) {
            if (v instanceof String s) {
                Boolean mine = stringAsBoolean(s);
                return mine == null ? null : Boolean.compare(mine, b);
            }
            return toDecimal(v).compareTo(b ? BigDecimal.ONE : BigDecimal.ZERO);
        }
        if (v instanceof String s && lit instanceof String t) return String.CASE_INSENSITIVE_ORDER.compare(s, t);
        BigDecimal a = v instanceof String s ? parseDecimal(s) : toDecimal(v);
        BigDecimal b = lit instanceof String s ? parseDecimal(s) : toDecimal(lit);
        return a == null || b == null ? null : a.compareTo(b);
    }

    static Boolean stringAsBoolean(String s) {
        if (s.strip().equalsIgnoreCase("true")) return true;
        if (s.strip().equalsIgnoreCase("false")) return false;
        BigDecimal d = parseDecimal(s);
        return d == null ? null : d.signum() != 0;
    }

    static BigDecimal toDecimal(Object n) {
        return n instanceof Double d ? new BigDecimal(d) : new BigDecimal(((Number) n).longValue());
    }

    /** A string converted to a number: integers exactly, reals through double, as WMI converts to real. */
    static BigDecimal parseDecimal(String s) {
        String t = s.strip();
        if (t.matches("-?[0-9]+")) return new BigDecimal(t);
        if (t.matches("-?[0-9]+\\.[0-9]+")) return new BigDecimal(Double.parseDouble(t));
        return null;
    }

    static Pattern likeRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int k = 0; k < pattern.length(); k++) {
            char ch = pattern.charAt(k);
            if (ch == '%') re.append(".*");
            else if (ch == '_') re.append('.');
            else if (ch == '[') {
                int close = pattern.indexOf(']', k);
                re.append(pattern, k, close + 1);
                k = close;
            } else re.append(Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    // ---- rendering ----

    static String render(Cond c, java.util.Random r, int parentPrecedence) {
        int p = precedence(c);
        String s;
        if (c instanceof And a) s = render(a.l(), r, 2) + " " + kw("AND", r) + " " + render(a.r(), r, 3);
        else if (c instanceof Or o) s = render(o.l(), r, 1) + " " + kw("OR", r) + " " + render(o.r(), r, 2);
        else if (c instanceof Not n) s = kw("NOT", r) + " " + render(n.c(), r, 3);
        else if (c instanceof IsNull n) s = prop(n.prop(), r) + " " + kw("IS", r) + (n.negated() ? " " + kw("NOT", r) : "") + " " + kw("NULL", r);
        else if (c instanceof Isa isa) s = prop("E", r) + " " + kw("ISA", r) + " " + quote(isa.className(), r);
        else if (c instanceof PropCmp pc) s = prop(pc.left(), r) + " " + pc.op() + " " + prop(pc.right(), r);
        else if (c instanceof Like l) s = prop(l.prop(), r) + (l.negated() ? " " + kw("NOT", r) : "") + " " + kw("LIKE", r) + " " + quote(l.pattern(), r);
        else {
            Cmp cmp = (Cmp) c;
            String lit = literal(cmp.literal(), r);
            String ws = r.nextBoolean() ? " " : "";
            s = cmp.literalFirst() ? lit + ws + cmp.op() + ws + prop(cmp.prop(), r) : prop(cmp.prop(), r) + ws + cmp.op() + ws + lit;
        }
        boolean parens = p < parentPrecedence || (p >= 3 ? r.nextInt(6) == 0 : r.nextInt(4) == 0);
        return parens ? "(" + s + ")" : s;
    }

    /** OR 1, AND 2, NOT and predicates 3: a child needs parentheses when it binds looser than its place. */
    static int precedence(Cond c) {
        return c instanceof Or ? 1 : c instanceof And ? 2 : 3;
    }

    static String kw(String k, java.util.Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> k;
            case 1 -> k.toLowerCase(Locale.ROOT);
            default -> k.charAt(0) + k.substring(1).toLowerCase(Locale.ROOT);
        };
    }

    static String prop(String p, java.util.Random r) {
        return r.nextBoolean() ? p : p.toLowerCase(Locale.ROOT);
    }

    static String quote(String s, java.util.Random r) {
        char q = r.nextBoolean() ? '\'' : '"';
        StringBuilder b = new StringBuilder().append(q);
        for (char ch : s.toCharArray()) {
            if (ch == q || ch == '\\') b.append('\\');
            b.append(ch);
        }
        return b.append(q).toString();
    }

    static String literal(Object lit, java.util.Random r) {
        if (lit == null) return kw("NULL", r);
        if (lit instanceof Str s) return quote(s.s(), r);
        if (lit instanceof Boolean b) return kw(b ? "TRUE" : "FALSE", r);
        if (lit instanceof Long l && l >= 0 && r.nextInt(4) == 0) return "0x" + Long.toHexString(l);
        return lit.toString();
    }

    // ---- generators ----

    @Provide
    Arbitrary<Long> renderSeeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Cond> conditions() {
        return conditions(4);
    }

    static Arbitrary<Cond> conditions(int depth) {
        Arbitrary<Cond> leaf = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(PROPS), Arbitraries.of("=", "<>", "!=", "<", ">", "<=", ">="), literals(),
                        Arbitraries.of(false, false, true)).as(Cmp::new),
                Combinators.combine(Arbitraries.of(PROPS), Arbitraries.of("=", "<>", "!=", "<", ">", "<=", ">="), Arbitraries.of(PROPS))
                        .as(PropCmp::new),
                Combinators.combine(Arbitraries.of(PROPS), patterns(), Arbitraries.of(false, false, true)).as(Like::new),
                Combinators.combine(Arbitraries.of(PROPS), Arbitraries.of(false, true)).as(IsNull::new),
                Arbitraries.of("U", "V", "T").map(Isa::new));
        if (depth == 0) return leaf;
        Arbitrary<Cond> sub = Arbitraries.lazy(() -> conditions(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf),
                Tuple.of(2, Combinators.combine(sub, sub).as(And::new)),
                Tuple.of(2, Combinators.combine(sub, sub).as(Or::new)),
                Tuple.of(1, sub.map(Not::new)));
    }

    static Arbitrary<Object> literals() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-3, 5).map(l -> (Object) l),
                Arbitraries.of(65535L, 70000L, 2147483647L).map(l -> (Object) l),
                Arbitraries.of(-2.5, 0.1, 1.5, 2.0, 100.25).map(d -> (Object) d),
                Arbitraries.of("2", "-1", "0.1", "1.5", "abc", "ABC", "a", "b", "", "true", "False", "12", " 3 ").map(s -> (Object) new Str(s)),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
    }

    static Arbitrary<String> patterns() {
        Arbitrary<String> piece = Arbitraries.of("%", "_", "a", "B", "c", "1", "2", "[ab]", "[a-c]", "[^a]", "[0-9]", "-", " ");
        return piece.list().ofMaxSize(5).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<List<CimInstance>> instanceLists() {
        return instances().list().ofMinSize(1).ofMaxSize(6);
    }

    static Arbitrary<CimInstance> instances() {
        Arbitrary<CimInstance> embedded = Combinators.combine(Arbitraries.of("U", "V", "T"), values("N"), values("S"))
                .as((cls, n, s) -> put(put(CimInstance.builder(cls), "N", n), "S", s).build());
        Arbitrary<CimValue> e = Arbitraries.oneOf(embedded.map(CimValue::object), Arbitraries.just(CimValue.nullOf(CimType.OBJECT)),
                Arbitraries.just((CimValue) null));
        return Combinators.combine(values("N"), values("I"), values("S"), values("B"), values("R"), e)
                .as((n, i, s, b, r, emb) -> put(put(put(put(put(put(CimInstance.builder("T"), "N", n), "I", i), "S", s), "B", b), "R", r), "E", emb).build());
    }

    static CimInstance.Builder put(CimInstance.Builder b, String name, CimValue v) {
        return v == null ? b : b.put(name, v);
    }

    /** A value for the named property, or null (the property is absent). */
    static Arbitrary<CimValue> values(String prop) {
        Arbitrary<CimValue> present = switch (prop) {
            case "N" -> Arbitraries.oneOf(Arbitraries.longs().between(0, 5), Arbitraries.of(65535L, 12L)).map(CimValue::uint16);
            case "I" -> Arbitraries.oneOf(Arbitraries.longs().between(-3, 5), Arbitraries.of(2147483647L, -2147483648L)).map(CimValue::sint32);
            case "S" -> Arbitraries.oneOf(Arbitraries.of("abc", "ABC", "a", "b", "", "2", "12", "-1", "1.5", "true", "a%b", "a_c", "[x]"),
                    Arbitraries.strings().withChars("aAbBc12-% _[]^").ofMaxLength(6)).map(CimValue::string);
            case "B" -> Arbitraries.of(true, false).map(CimValue::bool);
            case "R" -> Arbitraries.of(-2.5, 0.0, 0.1, 1.5, 2.0, 100.25).map(d -> CimValue.of(CimType.REAL64, d));
            default -> throw new IllegalArgumentException(prop);
        };
        CimType type = switch (prop) {
            case "N" -> CimType.UINT16;
            case "I" -> CimType.SINT32;
            case "S" -> CimType.STRING;
            case "B" -> CimType.BOOLEAN;
            default -> CimType.REAL64;
        };
        return Arbitraries.frequencyOf(Tuple.of(6, present), Tuple.of(1, Arbitraries.just(CimValue.nullOf(type))),
                Tuple.of(1, Arbitraries.just((CimValue) null)));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> generated = Combinators.combine(conditions(3), Arbitraries.longs())
                .as((c, seed) -> "SELECT * FROM T WHERE " + render(c, new java.util.Random(seed), 0));
        Arbitrary<String> fixed = Arbitraries.of(
                "SELECT EnabledState, TargetInstance FROM __InstanceModificationEvent WITHIN 2 WHERE TargetInstance ISA 'Msvm_ComputerSystem' "
                        + "AND TargetInstance.EnabledState != PreviousInstance.EnabledState AND (TargetInstance.EnabledState = '2' OR TargetInstance.EnabledState = 3)",
                "ASSOCIATORS OF {Msvm_VirtualSystemSettingData.InstanceID='Microsoft:A'} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = Msvm_ResourceAllocationSettingData",
                "REFERENCES OF {\\\\H\\root\\virtualization\\v2:Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"x\"} WHERE ResultClass = Msvm_SettingsDefineState Role = ManagedElement",
                "SELECT Name, E.N FROM T WHERE Name LIKE '[a-c]%_' AND R >= -1.5e2 OR N = 0x1F AND NOT B = TRUE AND S IS NOT NULL");
        return Arbitraries.oneOf(generated, fixed);
    }

    @Provide
    Arbitrary<List<ObjectPathProperties.Mutation>> mutations() {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.of('\'', '"', '\\', '(', ')', '{', '}', '[', ']', '=', '<', '>', '!', '%', '.', ',', '-', ' ', '0', 'x', 'e'),
                Arbitraries.chars());
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers(), chars)
                .as(ObjectPathProperties.Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }
}

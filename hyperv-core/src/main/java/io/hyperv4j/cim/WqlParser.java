package io.hyperv4j.cim;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for WQL. Errors are WBEM_E_INVALID_QUERY naming the character offset
 * and what was expected there.
 */
final class WqlParser {
    private static final int MAX_NESTING = 100;
    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "LIKE", "IS",
            "NULL", "ISA", "TRUE", "FALSE", "WITHIN", "GROUP", "HAVING", "BY", "OF");

    private enum Kind { WORD, STRING, INTEGER, REAL, SYMBOL, PATH, END }

    private record Token(Kind kind, String text, Object value, int offset) {
        boolean isWord(String w) {
            return kind == Kind.WORD && text.equalsIgnoreCase(w);
        }

        boolean isSymbol(String s) {
            return kind == Kind.SYMBOL && text.equals(s);
        }

        String describe() {
            return kind == Kind.END ? "the end of the query" : "'" + CimValue.abbreviate(text) + "'";
        }
    }

    private final String text;
    private final List<Token> tokens;
    private int next;
    private int depth;

    private WqlParser(String text) {
        this.text = text;
        this.tokens = lex(text);
    }

    static WqlQuery parse(String text) {
        if (text == null) throw new CimException(CimError.INVALID_QUERY, "WQL query is null");
        return new WqlParser(text).query();
    }

    // ---- grammar ----

    private WqlQuery query() {
        Token t = peek();
        WqlQuery q;
        if (t.isWord("SELECT")) q = select();
        else if (t.isWord("ASSOCIATORS")) q = associators();
        else if (t.isWord("REFERENCES")) q = references();
        else throw error(t, "SELECT, ASSOCIATORS OF or REFERENCES OF");
        Token end = peek();
        if (end.kind != Kind.END) throw error(end, "the end of the query");
        return q;
    }

    private WqlQuery.Select select() {
        take();
        List<String> props = new ArrayList<>();
        if (peek().isSymbol("*")) {
            take();
        } else {
            do {
                props.add(String.join(".", propertyName()));
            } while (acceptSymbol(","));
        }
        expectWord("FROM");
        String className = name("a class name");
        Duration within = null;
        if (peek().isWord("WITHIN")) {
            take();
            within = interval();
        }
        WqlExpr where = null;
        if (peek().isWord("WHERE")) {
            take();
            where = orExpr();
        }
        Token t = peek();
        if (t.isWord("GROUP") || t.isWord("HAVING"))
            throw new CimException(CimError.INVALID_QUERY, at(t) + t.text.toUpperCase(Locale.ROOT)
                    + " is not supported (aggregate event queries are not implemented)");
        if (within == null && t.isWord("WITHIN")) {
            take();
            within = interval();
        }
        return new WqlQuery.Select(props, className, where, within);
    }

    private Duration interval() {
        Token t = take();
        double seconds;
        if (t.kind == Kind.INTEGER) seconds = ((BigInteger) t.value).doubleValue();
        else if (t.kind == Kind.REAL) seconds = (Double) t.value;
        else throw error(t, "a number of seconds after WITHIN");
        if (!(seconds > 0) || seconds > 1e9) throw error(t, "a positive number of seconds after WITHIN");
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private WqlQuery.Associators associators() {
        take();
        ObjectPath source = sourcePath();
        Map<String, String> f = filters("an ASSOCIATORS OF", List.of("ASSOCCLASS", "RESULTCLASS", "ROLE", "RESULTROLE",
                "REQUIREDQUALIFIER", "REQUIREDASSOCQUALIFIER"), "AssocClass, ResultClass, Role, ResultRole, RequiredQualifier, "
                + "RequiredAssocQualifier, ClassDefsOnly, KeysOnly or SchemaOnly");
        return new WqlQuery.Associators(source, f.get("ASSOCCLASS"), f.get("RESULTCLASS"), f.get("ROLE"), f.get("RESULTROLE"),
                f.containsKey("CLASSDEFSONLY"), f.containsKey("KEYSONLY"), f.get("REQUIREDQUALIFIER"), f.get("REQUIREDASSOCQUALIFIER"));
    }

    private WqlQuery.References references() {
        take();
        ObjectPath source = sourcePath();
        Map<String, String> f = filters("a REFERENCES OF", List.of("RESULTCLASS", "ROLE", "REQUIREDQUALIFIER"),
                "ResultClass, Role, RequiredQualifier, ClassDefsOnly, KeysOnly or SchemaOnly");
        return new WqlQuery.References(source, f.get("RESULTCLASS"), f.get("ROLE"), f.containsKey("CLASSDEFSONLY"),
                f.containsKey("KEYSONLY"), f.get("REQUIREDQUALIFIER"));
    }

    /**
     * The optional {@code WHERE} filters of ASSOCIATORS OF / REFERENCES OF, by upper-case keyword:
     * each of {@code valued} as {@code Name = value} (at most once), ClassDefsOnly and KeysOnly
     * alone (mapped to ""), SchemaOnly accepted and ignored; anything else is an error expecting
     * {@code expected}.
     */
    private Map<String, String> filters(String statement, List<String> valued, String expected) {
        Map<String, String> found = new HashMap<>();
        if (!acceptWord("WHERE")) return found;
        Token first = peek();
        while (peek().kind != Kind.END) {
            Token t = take();
            String w = t.kind == Kind.WORD ? t.text.toUpperCase(Locale.ROOT) : "";
            if (valued.contains(w)) found.put(w, once(t, found.get(w), filterValue()));
            else if (w.equals("CLASSDEFSONLY") || w.equals("KEYSONLY")) found.put(w, "");
            else if (!w.equals("SCHEMAONLY")) throw error(t, expected);
        }
        if (peek() == first) throw error(first, statement + " filter after WHERE");
        return found;
    }

    private String once(Token filter, String previous, String value) {
        if (previous != null) throw new CimException(CimError.INVALID_QUERY, at(filter) + filter.text + " is given twice");
        return value;
    }

    private String filterValue() {
        expectSymbol("=");
        Token t = take();
        if (t.kind == Kind.WORD || t.kind == Kind.STRING) return t.kind == Kind.STRING ? (String) t.value : t.text;
        throw error(t, "a class, role or qualifier name");
    }

    private ObjectPath sourcePath() {
        expectWord("OF");
        Token t = take();
        if (t.kind != Kind.PATH) throw error(t, "an object path in braces: {Class.Key='value'}");
        try {
            return ObjectPath.parse(((String) t.value).strip());
        } catch (CimException e) {
            throw new CimException(CimError.INVALID_QUERY, at(t) + "expected an object path: " + e.getMessage(), e);
        }
    }

    private WqlExpr orExpr() {
        WqlExpr left = andExpr();
        while (acceptWord("OR")) left = new WqlExpr.Or(left, andExpr());
        return left;
    }

    private WqlExpr andExpr() {
        WqlExpr left = notExpr();
        while (acceptWord("AND")) left = new WqlExpr.And(left, notExpr());
        return left;
    }

    private WqlExpr notExpr() {
        if (++depth > MAX_NESTING)
            throw new CimException(CimError.INVALID_QUERY, at(peek()) + "conditions nest deeper than " + MAX_NESTING);
        try {
            if (acceptWord("NOT")) return new WqlExpr.Not(notExpr());
            if (acceptSymbol("(")) {
                WqlExpr e = orExpr();
                expectSymbol(")");
                return e;
            }
            return predicate();
        } finally {
            depth--;
        }
    }

    private WqlExpr predicate() {
        Token start = peek();
        WqlExpr.Operand left = operand();
        Token t = peek();
        if (t.isWord("IS")) {
            WqlExpr.Property p = requireProperty(left, start, "IS");
            take();
            boolean negated = acceptWord("NOT");
            expectWord("NULL");
            return new WqlExpr.IsNull(p, negated);
        }
        if (t.isWord("ISA")) {
            WqlExpr.Property p = requireProperty(left, start, "ISA");
            take();
            return new WqlExpr.Isa(p, classNameLiteral());
        }
        boolean notLike = t.isWord("NOT") && peek(1).isWord("LIKE");
        if (t.isWord("LIKE") || notLike) {
            WqlExpr.Property p = requireProperty(left, start, "LIKE");
            take();
            if (notLike) take();
            Token pattern = take();
            if (pattern.kind != Kind.STRING) throw error(pattern, "a quoted LIKE pattern");
            try {
                return new WqlExpr.Like(p, (String) pattern.value, notLike);
            } catch (IllegalArgumentException e) {
                throw new CimException(CimError.INVALID_QUERY, at(pattern) + e.getMessage());
            }
        }
        WqlExpr.Op op = comparisonOperator(t);
        if (op == null) throw error(t, "a comparison operator (=, <>, !=, <, >, <=, >=), LIKE, IS or ISA");
        take();
        WqlExpr.Operand right = operand();
        if (left instanceof WqlExpr.Literal && right instanceof WqlExpr.Literal)
            throw new CimException(CimError.INVALID_QUERY, at(start) + "expected a property name on one side of " + t.text);
        return new WqlExpr.Comparison(left, op, right);
    }

    private static WqlExpr.Op comparisonOperator(Token t) {
        if (t.kind != Kind.SYMBOL) return null;
        return switch (t.text) {
            case "=" -> WqlExpr.Op.EQ;
            case "<>", "!=" -> WqlExpr.Op.NE;
            case "<" -> WqlExpr.Op.LT;
            case ">" -> WqlExpr.Op.GT;
            case "<=" -> WqlExpr.Op.LE;
            case ">=" -> WqlExpr.Op.GE;
            default -> null;
        };
    }

    private WqlExpr.Property requireProperty(WqlExpr.Operand o, Token start, String op) {
        if (o instanceof WqlExpr.Property p) return p;
        throw new CimException(CimError.INVALID_QUERY, at(start) + "expected a property name before " + op);
    }

    private String classNameLiteral() {
        Token t = take();
        if (t.kind == Kind.STRING) return (String) t.value;
        if (t.kind == Kind.WORD && !RESERVED.contains(t.text.toUpperCase(Locale.ROOT))) return t.text;
        throw error(t, "a quoted class name after ISA");
    }

    private WqlExpr.Operand operand() {
        Token t = peek();
        switch (t.kind) {
            case STRING, INTEGER, REAL -> {
                take();
                return new WqlExpr.Literal(t.value);
            }
            case SYMBOL -> {
                if ((t.text.equals("-") || t.text.equals("+")) && (peek(1).kind == Kind.INTEGER || peek(1).kind == Kind.REAL)
                        && peek(1).offset == t.offset + 1) {
                    take();
                    Object v = take().value;
                    if (t.text.equals("+")) return new WqlExpr.Literal(v);
                    return new WqlExpr.Literal(v instanceof BigInteger b ? b.negate() : (Object) (-(Double) v));
                }
                throw error(t, "a property name or a literal");
            }
            case WORD -> {
                String w = t.text.toUpperCase(Locale.ROOT);
                if (w.equals("TRUE") || w.equals("FALSE")) {
                    take();
                    return new WqlExpr.Literal(w.equals("TRUE"));
                }
                if (w.equals("NULL")) {
                    take();
                    return new WqlExpr.Literal(null);
                }
                return new WqlExpr.Property(propertyName());
            }
            default -> throw error(t, "a property name or a literal");
        }
    }

    private List<String> propertyName() {
        List<String> names = new ArrayList<>();
        names.add(name("a property name"));
        while (peek().isSymbol(".")) {
            take();
            names.add(name("a property name after '.'"));
        }
        return names;
    }

    private String name(String what) {
        Token t = peek();
        if (t.kind != Kind.WORD || RESERVED.contains(t.text.toUpperCase(Locale.ROOT))) throw error(t, what);
        take();
        return t.text;
    }

    // ---- token helpers ----

    private Token peek() {
        return tokens.get(next);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind != Kind.END) next++;
        return t;
    }

    private boolean acceptWord(String w) {
        if (!peek().isWord(w)) return false;
        take();
        return true;
    }

    private boolean acceptSymbol(String s) {
        if (!peek().isSymbol(s)) return false;
        take();
        return true;
    }

    private void expectWord(String w) {
        if (!acceptWord(w)) throw error(peek(), w);
    }

    private void expectSymbol(String s) {
        if (!acceptSymbol(s)) throw error(peek(), "'" + s + "'");
    }

    private CimException error(Token found, String expected) {
        return new CimException(CimError.INVALID_QUERY, at(found) + "expected " + expected + ", found " + found.describe());
    }

    private String at(Token t) {
        return "WQL '" + CimValue.abbreviate(text) + "' at offset " + t.offset + ": ";
    }

    private CimException lexError(int offset, String what) {
        return new CimException(CimError.INVALID_QUERY, "WQL '" + CimValue.abbreviate(text) + "' at offset " + offset + ": " + what);
    }

    // ---- lexer ----

    private List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
                out.add(new Token(Kind.WORD, s.substring(start, i), null, start));
            } else if (c >= '0' && c <= '9') {
                i = number(s, i, out);
            } else if (c == '\'' || c == '"') {
                int start = i++;
                StringBuilder b = new StringBuilder();
                while (true) {
                    if (i >= n) throw lexError(start, "unterminated string: expected a closing " + c);
                    char d = s.charAt(i++);
                    if (d == c) break;
                    if (d == '\\' && i < n && (s.charAt(i) == c || s.charAt(i) == '\\')) {
                        d = s.charAt(i++); // \\ and \' (\" in double quotes) escape; any other backslash is itself,
                    }                      // as Windows reads os-win's LIKE 'Microsoft:<VM>\<device>%' and '%\Default'
                    b.append(d);
                }
                out.add(new Token(Kind.STRING, s.substring(start, i), b.toString(), start));
            } else if (c == '{') {
                int start = i++;
                char quote = 0;
                while (true) {
                    if (i >= n) throw lexError(start, "unterminated object path: expected '}'");
                    char d = s.charAt(i++);
                    if (quote != 0) {
                        if (d == '\\') i++;
                        else if (d == quote) quote = 0;
                    } else if (d == '"' || d == '\'') {
                        quote = d;
                    } else if (d == '}') {
                        break;
                    }
                }
                out.add(new Token(Kind.PATH, s.substring(start, i), s.substring(start + 1, i - 1), start));
            } else {
                String two = i + 1 < n ? s.substring(i, i + 2) : "";
                if (two.equals("<>") || two.equals("!=") || two.equals("<=") || two.equals(">=")) {
                    out.add(new Token(Kind.SYMBOL, two, null, i));
                    i += 2;
                } else if ("=<>(),.*-+".indexOf(c) >= 0) {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c), null, i));
                    i++;
                } else {
                    throw lexError(i, "unexpected character '" + c + "'");
                }
            }
        }
        out.add(new Token(Kind.END, "", null, n));
        return out;
    }

    /** Decimal or 0x hex integer, or a real (digits '.' digits [e[+-]digits]). */
    private int number(String s, int i, List<Token> out) {
        int start = i;
        int n = s.length();
        if (s.charAt(i) == '0' && i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            i += 2;
            int digits = i;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0) i++;
            if (i == digits) throw lexError(start, "expected hexadecimal digits after 0x");
            if (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'))
                throw lexError(i, "unexpected character '" + s.charAt(i) + "' in a number");
            out.add(new Token(Kind.INTEGER, s.substring(start, i), new BigInteger(s.substring(digits, i), 16), start));
            return i;
        }
        while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) i++;
        boolean real = false;
        if (i + 1 < n && s.charAt(i) == '.' && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '9') {
            real = true;
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int e = i + 1;
            if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) e++;
            if (e < n && s.charAt(e) >= '0' && s.charAt(e) <= '9') {
                real = true;
                i = e;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            }
        }
        if (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'))
            throw lexError(i, "unexpected character '" + s.charAt(i) + "' in a number");
        String t = s.substring(start, i);
        if (real) {
            double d = Double.parseDouble(t);
            if (Double.isInfinite(d)) throw lexError(start, "number " + CimValue.abbreviate(t) + " is out of range");
            out.add(new Token(Kind.REAL, t, d, start));
        } else {
            out.add(new Token(Kind.INTEGER, t, new BigInteger(t), start));
        }
        return i;
    }
}

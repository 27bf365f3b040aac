package io.hyperv4j.cim;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled WQL LIKE pattern: {@code %} any run, {@code _} one character, {@code [abc]},
 * {@code [a-z]}, {@code [^a]} one character of (not of) a set; everything else literal, ignoring
 * case. Matching is linear-backtracking (no regular expressions), so no pattern can hang it.
 */
final class WqlLike {
    private sealed interface Token permits AnyRun, AnyOne, Literal, CharSet {}

    private record AnyRun() implements Token {}

    private record AnyOne() implements Token {}

    private record Literal(char c) implements Token {}

    private record CharSet(boolean negated, String from, String to) implements Token {
        boolean contains(char c) {
            return in(c) || in(Character.toUpperCase(c)) || in(Character.toLowerCase(c));
        }

        private boolean in(char c) {
            for (int i = 0; i < from.length(); i++) if (c >= from.charAt(i) && c <= to.charAt(i)) return true;
            return false;
        }
    }

    private final List<Token> tokens;

    private WqlLike(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Compiles {@code pattern}; an unclosed {@code [} is an error naming its index. */
    static WqlLike compile(String pattern) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%') {
                if (tokens.isEmpty() || !(tokens.get(tokens.size() - 1) instanceof AnyRun)) tokens.add(new AnyRun());
            } else if (c == '_') {
                tokens.add(new AnyOne());
            } else if (c == '[') {
                // a ']' right after '[' (or '[^') is a member, as in SQL: "[]x]"
                int start = i + 1;
                boolean negated = start < pattern.length() && pattern.charAt(start) == '^';
                if (negated) start++;
                int close = start < pattern.length() ? pattern.indexOf(']', start + 1) : -1;
                if (close < 0)
                    throw new IllegalArgumentException("LIKE pattern: '[' at index " + i + " has no closing ']'");
                StringBuilder from = new StringBuilder();
                StringBuilder to = new StringBuilder();
                for (int k = start; k < close; k++) {
                    char lo = pattern.charAt(k);
                    char hi = lo;
                    if (k + 2 < close && pattern.charAt(k + 1) == '-') {
                        hi = pattern.charAt(k + 2);
                        k += 2;
                    }
                    from.append(lo);
                    to.append(hi);
                }
                tokens.add(new CharSet(negated, from.toString(), to.toString()));
                i = close;
            } else {
                tokens.add(new Literal(c));
            }
        }
        return new WqlLike(List.copyOf(tokens));
    }

    boolean matches(String text) {
        int t = 0;
        int p = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            if (p < tokens.size() && !(tokens.get(p) instanceof AnyRun) && matchesOne(tokens.get(p), text.charAt(t))) {
                t++;
                p++;
            } else if (p < tokens.size() && tokens.get(p) instanceof AnyRun) {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < tokens.size() && tokens.get(p) instanceof AnyRun) p++;
        return p == tokens.size();
    }

    private static boolean matchesOne(Token token, char c) {
        if (token instanceof AnyOne) return true;
        if (token instanceof Literal l) return sameIgnoringCase(l.c(), c);
        CharSet s = (CharSet) token;
        return s.contains(c) != s.negated();
    }

    private static boolean sameIgnoringCase(char a, char b) {
        return a == b || Character.toUpperCase(a) == Character.toUpperCase(b)
                || Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}

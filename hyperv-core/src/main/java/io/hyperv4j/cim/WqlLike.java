package io.hyperv4j.cim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled WQL LIKE pattern: {@code %} any run, {@code _} one character, {@code [abc]},
 * {@code [a-z]}, {@code [^a]} one character of (not of) a set; everything else literal, ignoring
 * case. Matching runs the pattern as a bit-parallel automaton (no backtracking, no regular
 * expressions): one pass over the text, {@code ceil((m + 1) / 64)} word operations per character
 * for a pattern of m characters, which is capped at {@value #MAX_PATTERN}, so no pattern and no
 * text can make a query run for long.
 */
final class WqlLike {
    /** Longest pattern accepted: more than any name or path Hyper-V stores, small enough to bound the work. */
    static final int MAX_PATTERN = 4096;

    private sealed interface Token permits AnyOne, Literal, CharSet {}

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

    /** The pattern without its %s: state k of the automaton means "the first k of these matched". */
    private final List<Token> tokens;
    /** Bit k set: a % follows the first k tokens, so state k survives any character. */
    private final long[] loops;

    /** What each ASCII character is accepted by, filled as characters are met and kept for every later match. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<long[]> ascii = new java.util.concurrent.atomic.AtomicReferenceArray<>(128);

    private WqlLike(List<Token> tokens, long[] loops) {
        this.tokens = tokens;
        this.loops = loops;
    }

    /** Patterns compiled lately: a query tests one pattern against every instance it scans. */
    private static final java.util.Map<String, WqlLike> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int COMPILED_KEPT = 256;

    /** {@link #compile}, remembered for the next instance a query tests. */
    static WqlLike compiled(String pattern) {
        WqlLike known = COMPILED.get(pattern);
        if (known != null) return known;
        WqlLike fresh = compile(pattern);
        if (COMPILED.size() >= COMPILED_KEPT) COMPILED.clear(); // bounded: forget all rather than track use
        COMPILED.put(pattern, fresh);
        return fresh;
    }

    /** Compiles {@code pattern}; an unclosed {@code [} is an error naming its index. */
    static WqlLike compile(String pattern) {
        if (pattern.length() > MAX_PATTERN)
            throw new IllegalArgumentException("LIKE pattern is " + pattern.length() + " characters; at most " + MAX_PATTERN + " allowed");
        List<Token> tokens = new ArrayList<>();
        List<Integer> loopStates = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%') {
                loopStates.add(tokens.size());
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
        long[] loops = new long[words(tokens.size())];
        for (int k : loopStates) loops[k >>> 6] |= 1L << (k & 63);
        return new WqlLike(List.copyOf(tokens), loops);
    }

    private static int words(int tokens) {
        return (tokens + 1 + 63) / 64;
    }

    boolean matches(String text) {
        return run(text, null);
    }

    /** The work matching {@code text} takes (word operations, token tests): what bounds its time. */
    long steps(String text) {
        long[] steps = {0};
        run(text, steps);
        return steps[0];
    }

    /**
     * Shift-and over the states: after each character, state k+1 is live when state k was and token
     * k accepts the character; a state followed by a % stays live.
     */
    private boolean run(String text, long[] steps) {
        int words = loops.length;
        long[] live = new long[words];
        long[] next = new long[words];
        live[0] = 1;
        Map<Character, long[]> accepting = null;
        for (int t = 0; t < text.length(); t++) {
            char c = text.charAt(t);
            long[] accepts = c < 128 && steps == null ? asciiAccepting(c) : null;
            if (accepts == null && accepting == null) accepting = new HashMap<>();
            if (accepts == null) accepts = accepting.get(c);
            if (accepts == null) {   // once per distinct character: O(m)
                accepts = accepting(text.charAt(t));
                accepting.put(text.charAt(t), accepts);
                if (steps != null) steps[0] += tokens.size();
            }
            long carry = 0;
            boolean any = false;
            for (int w = 0; w < words; w++) {
                long shifted = (live[w] << 1) | carry;
                carry = live[w] >>> 63;
                next[w] = (shifted & accepts[w]) | (live[w] & loops[w]);
                any |= next[w] != 0;
            }
            if (steps != null) steps[0] += words;
            if (!any) return false;
            long[] swap = live;
            live = next;
            next = swap;
        }
        int m = tokens.size();
        return (live[m >>> 6] & (1L << (m & 63))) != 0;
    }

    private long[] asciiAccepting(char c) {
        long[] known = ascii.get(c);
        if (known == null) ascii.set(c, known = accepting(c)); // racing threads compute the same mask
        return known;
    }

    /** Bit k+1 set when token k accepts {@code c}. */
    private long[] accepting(char c) {
        long[] mask = new long[loops.length];
        for (int k = 0; k < tokens.size(); k++)
            if (matchesOne(tokens.get(k), c)) mask[(k + 1) >>> 6] |= 1L << ((k + 1) & 63);
        return mask;
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

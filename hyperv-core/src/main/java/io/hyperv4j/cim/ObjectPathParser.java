package io.hyperv4j.cim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Text form of {@link ObjectPath}: parse and format with WMI's quoting and escaping.
 * <pre>
 *   [\\server\][namespace:]Class[.Key=value{,Key=value} | =@]
 * </pre>
 * Server {@code .} is the local host. Values: {@code "string"} or {@code 'string'} with backslash
 * escapes, integers, {@code TRUE}/{@code FALSE}, and references written as a quoted, escaped path.
 * A quoted value is read as a reference when its text is a path with keys in canonical form (the
 * form {@link #format} writes); any other quoted text is a string. {@code Class=@} (a singleton)
 * reads as a path without keys, which formats as {@code Class}.
 */
final class ObjectPathParser {
    /** Bounds references inside references, so hostile text cannot exhaust the stack. */
    private static final int MAX_DEPTH = 8;

    private final String text;
    private final int depth;
    private int pos;

    private ObjectPathParser(String text, int depth) {
        this.text = text;
        this.depth = depth;
    }

    static ObjectPath parse(String text) {
        if (text == null) throw new CimException(CimError.INVALID_OBJECT_PATH, "object path is null");
        return new ObjectPathParser(text, 0).path();
    }

    static String format(ObjectPath p) {
        StringBuilder b = new StringBuilder();
        if (p.namespace() != null) {
            if (p.server() != null) b.append("\\\\").append(p.server()).append('\\');
            b.append(p.namespace()).append(':');
        }
        b.append(p.className());
        String sep = ".";
        for (var e : p.keys().entrySet()) {
            b.append(sep).append(e.getKey()).append('=');
            Object v = e.getValue();
            if (v instanceof Boolean bool) b.append(bool ? "TRUE" : "FALSE");
            else if (v instanceof Long) b.append(v);
            else quote(b, v.toString());
            sep = ",";
        }
        return b.toString();
    }

    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\');
            b.append(c);
        }
        b.append('"');
    }

    private ObjectPath path() {
        if (text.isEmpty()) throw error("expected a class name");
        String server = null;
        if (startsWithSeparatorPair()) {
            pos = 2;
            int start = pos;
            while (pos < text.length() && !isSeparator(text.charAt(pos))) {
                char c = text.charAt(pos);
                if (c == '"' || c == '\'' || Character.isWhitespace(c)) throw error("expected a server name character");
                pos++;
            }
            if (pos == start) throw error("expected a server name after '\\\\'");
            if (pos == text.length()) throw error("expected '\\' and a namespace after the server name");
            server = text.substring(start, pos);
            pos++;
        }
        String namespace = null;
        int colon = namespaceEnd();
        if (colon >= 0) {
            namespace = namespace(colon);
            pos = colon + 1;
        } else if (server != null) {
            throw error("expected a namespace followed by ':' after the server");
        }
        String className = identifier("a class name");
        Map<String, Object> keys = new LinkedHashMap<>();
        if (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '=') {
                pos++;
                expect('@', "'@' (a singleton is written Class=@)");
            } else if (c == '.') {
                pos++;
                keyBindings(keys);
            } else {
                throw error("expected '.' and key bindings, '=@', or the end of the path");
            }
        }
        if (pos != text.length()) throw error("expected the end of the path");
        return new ObjectPath(server, namespace, className, keys);
    }

    private boolean startsWithSeparatorPair() {
        return text.length() >= 2 && isSeparator(text.charAt(0)) && isSeparator(text.charAt(1));
    }

    /** The ':' ending a namespace prefix, or -1: the first ':' before any key syntax. */
    private int namespaceEnd() {
        for (int i = pos; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') return i;
            if (c == '.' || c == '=' || c == '"' || c == '\'' || c == ',') return -1;
        }
        return -1;
    }

    private String namespace(int end) {
        StringBuilder ns = new StringBuilder();
        int segmentStart = pos;
        for (int i = pos; i <= end; i++) {
            char c = i < end ? text.charAt(i) : '\\';
            if (isSeparator(c)) {
                if (i == segmentStart) {
                    pos = i;
                    throw error("expected a namespace name");
                }
                if (ns.length() > 0) ns.append('\\');
                ns.append(text, segmentStart, i);
                segmentStart = i + 1;
            } else if (!(Character.isLetterOrDigit(c) || c == '_')) {
                pos = i;
                throw error("expected a namespace name character, '\\' or ':'");
            }
        }
        return ns.toString();
    }

    private void keyBindings(Map<String, Object> keys) {
        while (true) {
            int nameAt = pos;
            String name = identifier("a key property name");
            expect('=', "'=' after key " + name);
            Object value = value();
            for (String existing : keys.keySet()) {
                if (existing.equalsIgnoreCase(name)) {
                    pos = nameAt;
                    throw error("key " + name + " appears twice");
                }
            }
            keys.put(name, value);
            if (pos == text.length()) return;
            expect(',', "',' or the end of the path");
        }
    }

    private Object value() {
        if (pos >= text.length()) throw error("expected a key value");
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') return quotedValue(c);
        if (c == '-' || (c >= '0' && c <= '9')) return integer();
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) pos++;
        String word = text.substring(start, pos).toUpperCase(Locale.ROOT);
        if (word.equals("TRUE")) return Boolean.TRUE;
        if (word.equals("FALSE")) return Boolean.FALSE;
        pos = start;
        throw error("expected a quoted string, an integer, TRUE or FALSE");
    }

    private Object quotedValue(char quote) {
        int open = pos++;
        StringBuilder s = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = open;
                throw error("unterminated string: expected a closing " + quote);
            }
            char c = text.charAt(pos++);
            if (c == quote) break;
            if (c == '\\') {
                if (pos >= text.length()) throw error("expected a character after '\\'");
                c = text.charAt(pos++);
            }
            s.append(c);
        }
        String content = s.toString();
        ObjectPath ref = asReference(content);
        return ref != null ? ref : content;
    }

    /** The content as a reference when it is a canonical path with keys, else null (a string). */
    private ObjectPath asReference(String content) {
        if (depth >= MAX_DEPTH || content.indexOf('=') < 0) return null;
        try {
            ObjectPath p = new ObjectPathParser(content, depth + 1).path();
            return !p.keys().isEmpty() && format(p).equals(content) ? p : null;
        } catch (CimException notAPath) {
            return null;
        }
    }

    private Long integer() {
        int start = pos;
        if (text.charAt(pos) == '-') pos++;
        int digits = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        if (pos == digits) throw error("expected a digit after '-'");
        try {
            return Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException e) {
            String number = CimValue.abbreviate(text.substring(start, pos));
            pos = start;
            throw error("an integer key within the sint64 range, not " + number);
        }
    }

    private String identifier(String what) {
        int start = pos;
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        }
        if (pos == start) throw error("expected " + what);
        return text.substring(start, pos);
    }

    private void expect(char c, String what) {
        if (pos >= text.length() || text.charAt(pos) != c) throw error("expected " + what);
        pos++;
    }

    private static boolean isSeparator(char c) {
        return c == '\\' || c == '/';
    }

    private CimException error(String expected) {
        String found = pos >= text.length() ? "the end" : "'" + text.charAt(pos) + "'";
        return new CimException(CimError.INVALID_OBJECT_PATH, "invalid object path '" + CimValue.abbreviate(text)
                + "' at offset " + pos + ": " + expected + ", found " + found);
    }
}

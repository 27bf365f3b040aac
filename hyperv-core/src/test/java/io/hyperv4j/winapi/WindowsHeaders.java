package io.hyperv4j.winapi;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * An independent definition of the Windows interfaces the native bindings call, read as text:
 * Wine's development headers (Debian's {@code libwine-dev}, {@code /usr/include/wine/wine/windows})
 * and, for what Wine lacks, mingw-w64's (Debian's {@code mingw-w64-common},
 * {@code /usr/share/mingw-w64/include}; name those files {@code "mingw-w64/wbemcli.h"}). Answers
 * what the conformance tests ask: an interface's vtable (from an IDL {@code interface} with its
 * bases, or from a generated header's C {@code XxxVtbl} struct), a C function's parameter count, a
 * constant's value (a {@code #define} or an enum member, expressions and other constants
 * resolved), a GUID and a struct's field order.
 * <p>Where: {@code -Dhyperv4j.windows.headers=DIR} / {@code -Dhyperv4j.mingw.headers=DIR}, else
 * {@code HYPERV4J_WINDOWS_HEADERS} / {@code HYPERV4J_MINGW_HEADERS}, else the Debian locations.
 * Missing headers skip the test on a developer machine and fail it when {@code CI=true}
 * ({@code .ci/run} installs both packages).
 */
public final class WindowsHeaders {
    public static final String WINE = "/usr/include/wine/wine/windows";
    public static final String MINGW = "/usr/share/mingw-w64/include";
    /** The prefix of a file name that is read from mingw-w64's headers. */
    public static final String MINGW_PREFIX = "mingw-w64/";

    /** A method in vtable order: its slot and its parameter count without {@code this}. */
    public record Method(String name, int index, int parameters) {}

    private final Path dir;
    private final Path mingw;
    private final Map<String, String> texts = new HashMap<>();

    private WindowsHeaders(Path dir, Path mingw) {
        this.dir = dir;
        this.mingw = mingw;
    }

    /** The headers, or a skipped test (a failed one under CI) with the command that installs them. */
    public static WindowsHeaders locate() {
        Path wine = Path.of(setting("hyperv4j.windows.headers", "HYPERV4J_WINDOWS_HEADERS", WINE));
        Path mingw = Path.of(setting("hyperv4j.mingw.headers", "HYPERV4J_MINGW_HEADERS", MINGW));
        if (Files.isRegularFile(wine.resolve("wbemcli.idl")) && Files.isRegularFile(mingw.resolve("wbemcli.h")))
            return new WindowsHeaders(wine, mingw);
        String why = "the Windows headers are not in " + wine + " and " + mingw
                + " (apt-get install libwine-dev mingw-w64-common, or set HYPERV4J_WINDOWS_HEADERS / HYPERV4J_MINGW_HEADERS)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why + "; CI must check the native bindings against them");
        Assumptions.abort(why + "; binding conformance not checked");
        throw new AssertionError("unreachable");
    }

    private static String setting(String property, String env, String fallback) {
        String p = System.getProperty(property);
        if (p != null) return p;
        String e = System.getenv(env);
        return e != null ? e : fallback;
    }

    public Path dir() {
        return dir;
    }

    /** The file's text without comments. */
    public String text(String file) {
        return texts.computeIfAbsent(file, f -> {
            Path p = f.startsWith(MINGW_PREFIX) ? mingw.resolve(f.substring(MINGW_PREFIX.length())) : dir.resolve(f);
            if (!Files.isRegularFile(p)) fail("no " + p);
            try {
                String s = Files.readString(p, StandardCharsets.ISO_8859_1);
                return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    // ---------------------------------------------------------------- interfaces (IDL)

    /** The full vtable of {@code iface} declared in {@code file}, bases first (bases may live in other IDL files). */
    public List<Method> vtable(String file, String iface) {
        List<Method> out = new ArrayList<>();
        if (file.endsWith(".h")) cVtable(file, iface, out);
        else collect(file, iface, out);
        return out;
    }

    /** A generated header's {@code typedef struct IfaceVtbl { ... HRESULT (STDMETHODCALLTYPE *Name)(Iface *This, ...); }}. */
    private void cVtable(String file, String iface, List<Method> out) {
        String text = text(file);
        Matcher m = Pattern.compile("struct\\s+" + Pattern.quote(iface) + "Vtbl\\s*\\{").matcher(text);
        if (!m.find()) fail("no " + iface + "Vtbl in " + file);
        String body = text.substring(m.end(), closing(text, m.end() - 1));
        Matcher f = Pattern.compile("\\(\\s*STDMETHODCALLTYPE\\s*\\*\\s*(\\w+)\\s*\\)\\s*\\(").matcher(body);
        while (f.find()) {
            int open = f.end() - 1;
            out.add(new Method(f.group(1), out.size(), parameters(body.substring(open + 1, closing(body, open))) - 1)); // minus This
        }
    }

    /** The slot of {@code method} in {@code iface}'s vtable. */
    public Method method(String file, String iface, String method) {
        return vtable(file, iface).stream().filter(m -> m.name().equals(method)).findFirst()
                .orElseThrow(() -> new AssertionError(iface + " in " + file + " has no method " + method));
    }

    private void collect(String file, String iface, List<Method> out) {
        String text = text(file);
        Matcher m = Pattern.compile("\\binterface\\s+" + Pattern.quote(iface) + "\\s*(?::\\s*(\\w+))?\\s*\\{").matcher(text);
        if (!m.find()) fail("no definition of interface " + iface + " in " + file);
        if (m.group(1) != null) collect(fileDefining(m.group(1), file), m.group(1), out);
        String body = text.substring(m.end(), closing(text, m.end() - 1));
        for (String statement : statements(body)) {
            String s = statement.strip();
            String attributes = "";
            while (s.startsWith("[")) {
                int end = closing(s, 0);
                attributes += s.substring(0, end + 1);
                s = s.substring(end + 1).strip();
            }
            if (s.startsWith("typedef") || s.startsWith("cpp_quote") || s.startsWith("const ") || s.isEmpty()) continue;
            if (attributes.contains("call_as")) continue; // the wire form; the vtable holds the [local] one
            Matcher f = Pattern.compile("(\\w+)\\s*\\(").matcher(s);
            if (!f.find()) continue;
            int open = f.end() - 1;
            out.add(new Method(f.group(1), out.size(), parameters(s.substring(open + 1, closing(s, open)))));
        }
    }

    /** The IDL file that defines {@code iface}: the same file, else the one named after it (unknwn.idl for IUnknown), else any. */
    private String fileDefining(String iface, String preferred) {
        Pattern p = Pattern.compile("\\binterface\\s+" + Pattern.quote(iface) + "\\s*(?::\\s*\\w+\\s*)?\\{");
        if (p.matcher(text(preferred)).find()) return preferred;
        if (iface.equals("IUnknown")) return "unknwn.idl";
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".idl")).sorted()
                    .filter(f -> p.matcher(text(f)).find()).findFirst()
                    .orElseThrow(() -> new AssertionError("no IDL file defines " + iface));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- functions (C headers)

    /** The parameter count of the function {@code name} declared (WINAPI / STDAPI) in {@code file}. */
    public int functionParameters(String file, String name) {
        String text = text(file);
        Matcher m = Pattern.compile("\\b(?:WINAPI|APIENTRY|STDAPICALLTYPE|STDMETHODCALLTYPE|__stdcall)\\s+" + Pattern.quote(name) + "\\s*\\(").matcher(text);
        if (!m.find()) fail("no declaration of " + name + " in " + file);
        int open = m.end() - 1;
        return parameters(text.substring(open + 1, closing(text, open)));
    }

    // ---------------------------------------------------------------- constants

    /** The value of {@code name}, a #define or an enum member in {@code file} (64-bit; casts dropped). */
    public long constant(String file, String name) {
        return constantIn(file, name).orElseThrow(() -> new AssertionError("no constant " + name + " in " + file));
    }

    private Optional<Long> constantIn(String file, String name) {
        String text = text(file);
        Matcher d = Pattern.compile("#\\s*define\\s+" + Pattern.quote(name) + "\\s+([^\n]+)").matcher(text);
        if (d.find()) return Optional.of(new Expression(file, d.group(1).replaceAll("\"\\)\\s*$", "").strip()).evaluate());
        Matcher e = Pattern.compile("\\b" + Pattern.quote(name) + "\\s*(=\\s*([^,}]+))?\\s*[,}]").matcher(text);
        while (e.find()) {
            int brace = text.lastIndexOf('{', e.start());
            String before = brace < 0 ? "" : text.substring(Math.max(0, brace - 200), brace);
            if (!before.matches("(?s).*\\benum\\b[^;{}]*$")) continue; // not an enum member
            if (e.group(2) != null) return Optional.of(new Expression(file, e.group(2).strip()).evaluate());
            // No initializer: one more than the member before it (0 for the first).
            String members = text.substring(brace + 1, e.start());
            int comma = members.lastIndexOf(',');
            if (comma < 0) return Optional.of(0L);
            String previous = members.substring(0, comma);
            String prevName = previous.substring(Math.max(previous.lastIndexOf(',') + 1, 0)).split("=")[0].strip();
            return Optional.of(constant(file, prevName) + 1);
        }
        return Optional.empty();
    }

    /** The uuid(...) attribute of an interface or coclass, or a DEFINE_GUID(name, ...); upper case with braces. */
    public String uuid(String file, String name) {
        Matcher g = Pattern.compile("DEFINE_GUID\\(\\s*" + Pattern.quote(name) + "\\s*,([^)]*)\\)").matcher(text(file));
        if (g.find()) {
            String[] p = g.group(1).split(",");
            long[] v = new long[p.length];
            for (int i = 0; i < p.length; i++) v[i] = Long.decode(p[i].strip().replaceAll("[uUlL]+$", ""));
            StringBuilder b = new StringBuilder(String.format("{%08X-%04X-%04X-%02X%02X-", v[0], v[1], v[2], v[3], v[4]));
            for (int i = 5; i < 11; i++) b.append(String.format("%02X", v[i]));
            return b.append('}').toString();
        }
        Matcher m = Pattern.compile("uuid\\(([0-9a-fA-F-]+)\\)[^\\]]*\\]\\s*(?:interface|coclass|dispinterface)\\s+" + Pattern.quote(name) + "\\b")
                .matcher(text(file));
        if (!m.find()) fail("no uuid for " + name + " in " + file);
        return "{" + m.group(1).toUpperCase() + "}";
    }

    /** A struct's field names in declaration order ({@code typedef struct _NAME { ... }}). */
    public List<String> structFields(String file, String struct) {
        String text = text(file);
        Matcher m = Pattern.compile("struct\\s+_?" + Pattern.quote(struct) + "\\s*\\{").matcher(text);
        if (!m.find()) fail("no struct " + struct + " in " + file);
        String body = text.substring(m.end(), closing(text, m.end() - 1));
        List<String> fields = new ArrayList<>();
        for (String s : statements(body)) {
            String f = s.replaceAll("\\[[^]]*]", " ").strip();
            if (f.isEmpty()) continue;
            Matcher n = Pattern.compile("(\\w+)\\s*(\\[[^]]*])?\\s*$").matcher(f);
            if (n.find()) fields.add(n.group(1));
        }
        return fields;
    }

    // ---------------------------------------------------------------- parsing helpers

    /** Index of the bracket closing the one at {@code open} ( {, (, [ ). */
    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '(' || c == '[') depth++;
            else if ((c == '}' || c == ')' || c == ']') && --depth == 0) return i;
        }
        throw new AssertionError("unbalanced brackets after: " + s.substring(open, Math.min(s.length(), open + 80)));
    }

    /** Top-level ';'-separated statements of a body (brackets respected). */
    private static List<String> statements(String body) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{' || c == '(' || c == '[') depth++;
            else if (c == '}' || c == ')' || c == ']') depth--;
            else if (c == ';' && depth == 0) {
                out.add(body.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /** Top-level commas + 1; 0 for "" and "void". */
    private static int parameters(String list) {
        String s = list.strip();
        if (s.isEmpty() || s.equals("void")) return 0;
        int depth = 0;
        int n = 1;
        for (char c : s.toCharArray()) {
            if (c == '(' || c == '[' || c == '{') depth++;
            else if (c == ')' || c == ']' || c == '}') depth--;
            else if (c == ',' && depth == 0) n++;
        }
        return n;
    }

    /** A constant expression of C's preprocessor and IDL enums: literals, names, casts, ( ) ~ - + | & << >>. */
    private final class Expression {
        private final String file;
        private final List<String> tokens = new ArrayList<>();
        private int pos;

        Expression(String file, String text) {
            this.file = file;
            String t = text.replaceAll("\\b_HRESULT_TYPEDEF_|\\b_NDIS_ERROR_TYPEDEF_", "")
                    .replaceAll("\\(\\s*(?:const\\s+)?[A-Za-z_]\\w*\\s*\\*?\\s*\\)(?=\\s*[-~(\\w])", " "); // casts
            Matcher m = Pattern.compile("0[xX][0-9a-fA-F]+[uUlL]*|\\d+[uUlL]*|[A-Za-z_]\\w*|<<|>>|[()~|&+\\-*]").matcher(t);
            while (m.find()) tokens.add(m.group());
        }

        long evaluate() {
            long v = or();
            if (pos != tokens.size()) throw new AssertionError("cannot evaluate '" + String.join(" ", tokens) + "' in " + file);
            return v;
        }

        private long or() {
            long v = and();
            while (peek("|")) { pos++; v |= and(); }
            return v;
        }

        private long and() {
            long v = shift();
            while (peek("&")) { pos++; v &= shift(); }
            return v;
        }

        private long shift() {
            long v = sum();
            while (peek("<<") || peek(">>")) {
                String op = tokens.get(pos++);
                long r = sum();
                v = op.equals("<<") ? v << r : v >> r;
            }
            return v;
        }

        private long sum() {
            long v = unary();
            while (peek("+") || peek("-")) {
                String op = tokens.get(pos++);
                long r = unary();
                v = op.equals("+") ? v + r : v - r;
            }
            return v;
        }

        private long unary() {
            if (peek("-")) { pos++; return -unary(); }
            if (peek("~")) { pos++; return ~unary(); }
            if (peek("(")) {
                pos++;
                long v = or();
                pos++; // ')'
                return v;
            }
            String t = tokens.get(pos++);
            String digits = t.replaceAll("[uUlL]+$", "");
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseUnsignedLong(digits.substring(2), 16);
            if (Character.isDigit(t.charAt(0))) return Long.parseLong(digits);
            return constantIn(file, t).orElseGet(() -> constantAnywhere(t));
        }

        private boolean peek(String s) {
            return pos < tokens.size() && tokens.get(pos).equals(s);
        }
    }

    private long constantAnywhere(String name) {
        for (String f : List.of("winerror.h", "winnt.h", "rpcdce.h", "wtypes.idl", "objidlbase.idl", "wbemcli.idl")) {
            Optional<Long> v = constantIn(f, name);
            if (v.isPresent()) return v.get();
        }
        throw new AssertionError("cannot resolve " + name);
    }
}

package io.hyperv4j.spi;

import java.net.URI;
import java.util.Locale;

/**
 * The one place that decides what of a host address or user string may be shown. Every message, log
 * line and exception that can carry a host URI or a user goes through it, whatever shape the text
 * has: a URI that does not parse, one without a scheme ({@code //user:pw@host}), an opaque one
 * ({@code wmi:user:pw@host}), one with a newline or a percent-encoded colon in it. Only the scheme,
 * the host and a numeric port survive; user information, path, query and fragment become
 * {@code ***}, so a secret typed anywhere in the address never reaches the screen or a log.
 */
public final class Redaction {
    /** Longest host name shown; DNS names are at most 253 characters. */
    private static final int MAX_HOST = 253;

    private Redaction() {}

    /** {@code uri} for messages and logs. */
    public static String uri(URI uri) {
        return uri == null ? "null" : uri(uri.toString());
    }

    /** Host address text, parsable or not, for messages and logs. */
    public static String uri(String text) {
        if (text == null) return "null";
        Parts p = Parts.of(text);
        StringBuilder b = new StringBuilder();
        if (p.scheme != null) b.append(p.scheme).append(':');
        if (p.slashes) b.append("//");
        if (p.userInfo != null) b.append("***@");
        b.append(host(p.host));
        if (p.port != null) b.append(':').append(p.port.matches("[0-9]{1,5}") ? p.port : "***");
        if (p.rest != null) b.append(p.rest.startsWith("/") ? "/***" : p.rest.charAt(0) + "***");
        return b.toString();
    }

    /**
     * Whether the address may carry a password: user information (whatever precedes the last
     * {@code @}) holding a colon, written or percent-encoded. Without "//" ({@code admin:pw@host})
     * what looks like a scheme may be the user, so its colon counts.
     */
    public static boolean hasPassword(String text) {
        if (text == null) return false;
        Parts p = Parts.of(text);
        String userInfo = p.userInfo != null && !p.slashes && p.scheme != null ? p.scheme + ":" + p.userInfo : p.userInfo;
        return userInfo != null && (userInfo.indexOf(':') >= 0 || userInfo.toLowerCase(Locale.ROOT).contains("%3a"));
    }

    public static boolean hasPassword(URI uri) {
        return uri != null && hasPassword(uri.toString());
    }

    /** Whether a user string ({@code DOMAIN\\user}) holds a password ({@code user:password}). */
    public static boolean userHasPassword(String user) {
        return user != null && user.indexOf(':') >= 0;
    }

    /**
     * A user string for messages: the part before any colon (a password typed after it is dropped),
     * with control and invisible characters escaped.
     */
    public static String user(String user) {
        if (user == null) return "null";
        int colon = user.indexOf(':');
        return printable(colon < 0 ? user : user.substring(0, colon) + ":***");
    }

    /** Text with control, format (zero-width, bidirectional) and line-break characters shown as a backslash, u and four hex digits. */
    public static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) b.append(String.format("\\u%04X", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }

    /** A plain number (an integer or a decimal such as 1.5e3), up to 32 characters. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[-+]?[0-9]{0,20}(\\.[0-9]{0,20})?([eE][-+]?[0-9]{1,4})?");

    /**
     * An option value a user typed (a URI's {@code seed=}, {@code rate=}, ...) for messages: a
     * plain number of up to 32 characters is shown as typed, anything else as {@code ***} and its
     * length, since a misplaced secret may be in it.
     */
    public static String value(String value) {
        if (value == null) return "null";
        if (!value.isEmpty() && value.length() <= 32 && NUMBER.matcher(value).matches()) return value;
        return "*** (" + value.length() + " characters)";
    }

    /** Longest message shown whole; longer ones keep their start and end. */
    public static final int MAX_MESSAGE = 2000;

    /**
     * A message cut to at most about {@value #MAX_MESSAGE} characters, keeping its start and end
     * (where the what and the why usually are): an error about a 120 KB object path stays readable.
     */
    public static String shorten(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) return message;
        int head = MAX_MESSAGE * 2 / 3;
        int tail = MAX_MESSAGE - head;
        return message.substring(0, head) + " ... [" + (message.length() - head - tail) + " characters omitted] ... "
                + message.substring(message.length() - tail);
    }

    private static String host(String host) {
        if (host.indexOf('%') >= 0 || host.length() > MAX_HOST) return "***";   // encoded text may hide anything
        return printable(host);
    }

    /**
     * An address split the lenient way: scheme, "//", user information up to the last '@', host,
     * port, and the rest (path, query, fragment). Works on any text, URI or not.
     */
    private record Parts(String scheme, boolean slashes, String userInfo, String host, String port, String rest) {
        static Parts of(String text) {
            String s = text;
            String scheme = null;
            int colon = s.indexOf(':');
            if (colon > 0 && s.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                scheme = s.substring(0, colon);
                s = s.substring(colon + 1);
            }
            boolean slashes = s.startsWith("//");
            if (slashes) s = s.substring(2);
            String userInfo = null;
            int at = s.lastIndexOf('@');
            if (at >= 0) {
                userInfo = s.substring(0, at);
                s = s.substring(at + 1);
            }
            String rest = null;
            int end = firstOf(s, "/?#");
            if (end >= 0) {
                rest = s.substring(end);
                s = s.substring(0, end);
            }
            String port = null;
            // only an authority ("//host:port") has a port; in an opaque URI (sim:template:NAME) the colon is the name's
            int portColon = !slashes ? -1 : s.startsWith("[") ? s.indexOf(':', Math.max(0, s.indexOf(']'))) : s.indexOf(':');
            if (portColon >= 0) {
                port = s.substring(portColon + 1);
                s = s.substring(0, portColon);
            }
            return new Parts(scheme, slashes, userInfo, s, port, rest);
        }

        private static int firstOf(String s, String chars) {
            for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
            return -1;
        }
    }
}

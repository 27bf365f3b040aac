package io.hyperv4j.sim;

import io.hyperv4j.HyperVException;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.spi.CimTransport;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.spi.Redaction;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator as a transport. URIs:
 * <ul>
 *   <li>{@code sim:standalone} — a fresh in-memory lab with one host, {@value Lab#DEFAULT_HOST}, on a
 *       virtual clock; options {@code ?host=NAME&seed=N&clock=virtual|scaled|manual&rate=60}
 *       ({@code rate}: simulated seconds per real second of a scaled clock). The session owns the lab.</li>
 *   <li>{@code sim:template:NAME} — a fresh in-memory lab made by the {@link LabTemplate} called
 *       NAME (e.g. {@code sim:template:seed000-cluster?host=host1&seed=7}); {@code host} picks the
 *       host (default: the lab's first), {@code seed}, {@code clock} and {@code rate} as above. The
 *       session owns the lab.</li>
 *   <li>{@code sim:file:/abs/path/lab.json} — the lab kept in that file (created with one host
 *       when missing); {@code ?host=NAME} picks the host (default: the first). All sessions in
 *       one JVM on the same file share one lab; changes are saved after each method call, each
 *       wait and on close. While any session is open on the file, this JVM holds its
 *       {@link LabLock}: sessions in other JVMs and CLI commands wait for it up to their session
 *       timeout, then are refused with "in use"; so keep {@code sim:file:} sessions short.</li>
 * </ul>
 * Credentials are accepted and ignored: the simulator has no access control.
 */
public final class SimTransport implements CimTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SimTransport.class);
    private static final java.util.List<String> OPTIONS = java.util.List.of("host", "seed", "clock", "rate");
    /** An option name shown as typed in "unknown option" (anything else may be a misplaced secret). */
    private static final java.util.regex.Pattern OPTION_NAME = java.util.regex.Pattern.compile("[A-Za-z_]{1,32}");

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public boolean supports(URI uri) {
        return uri != null && "sim".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public CimSession open(URI uri, Optional<Credentials> credentials, Duration timeout) {
        if (!supports(uri)) throw new IllegalArgumentException("not a sim: URI: " + Redaction.uri(uri));
        Duration t = timeout == null ? CimSession.DEFAULT_TIMEOUT : timeout;
        String ssp = uri.getRawSchemeSpecificPart();
        int q = ssp.indexOf('?');
        String target = q < 0 ? ssp : ssp.substring(0, q);
        Map<String, String> options = options(q < 0 ? "" : ssp.substring(q + 1), uri);
        if (target.equalsIgnoreCase("standalone")) return standalone(options, t, uri);
        if (target.startsWith("file:")) return file(target, options, t, uri);
        if (target.startsWith("template:")) return template(target.substring("template:".length()), options, t, uri);
        throw new HyperVException("unknown simulator target in " + Redaction.uri(uri)
                + ": use sim:standalone, sim:template:NAME or sim:file:/absolute/path/lab.json");
    }

    private static CimSession standalone(Map<String, String> o, Duration t, URI uri) {
        String host = o.getOrDefault("host", Lab.DEFAULT_HOST);
        long seed = parseLong(o.getOrDefault("seed", "0"), "seed", uri);
        Lab lab = Lab.builder().seed(seed).clock(clock(o, uri))
                .host(host, StandaloneTemplate.LOGICAL_PROCESSORS, StandaloneTemplate.MEMORY_MB).build();
        return new SimSession(lab, host, t, lab::close);
    }

    /** A fresh lab from a template, owned by the session; {@code host} defaults to the template's first. */
    private static CimSession template(String name, Map<String, String> o, Duration t, URI uri) {
        long seed = parseLong(o.getOrDefault("seed", "0"), "seed", uri);
        LabTemplate template;
        try {
            template = LabTemplates.named(URLDecoder.decode(name, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new HyperVException(e.getMessage() + " (in " + Redaction.uri(uri) + ")");
        }
        Lab lab = template.create(seed, clock(o, uri));
        String host = o.get("host");
        SimHost h = host != null ? lab.host(host) : lab.hosts().stream().findFirst().orElse(null);
        if (h == null) {
            String hosts = String.join(", ", lab.hosts().stream().map(SimHost::name).toList());
            lab.close();
            throw new HyperVException("the lab of template '" + template.name() + "' has no host named " + shownHost(host)
                    + " (its hosts: " + hosts + ") in " + Redaction.uri(uri));
        }
        return new SimSession(lab, h.name(), t, lab::close);
    }

    private static CimSession file(String target, Map<String, String> o, Duration t, URI uri) {
        if (o.containsKey("clock") || o.containsKey("rate"))
            throw new HyperVException("a lab file keeps its own clock; clock and rate apply to sim:standalone (" + Redaction.uri(uri) + ")");
        Path path;
        try {
            path = Path.of(URI.create(target));
        } catch (RuntimeException e) {
            throw new HyperVException("cannot read a file path from '" + Redaction.printable(target) + "': " + e.getMessage(), e);
        }
        if (!path.isAbsolute()) throw new HyperVException("the lab file '" + Redaction.printable(target) + "' must be an absolute path");
        // One lab per file in this JVM, holding the file's lab lock while any session is open on it.
        Path file = path.normalize();
        FileLabs.Opened opened = FileLabs.open(file, t, () -> openOrCreate(file, o, uri));
        Lab lab = opened.lab();
        try {
            String host = o.get("host");
            if (host == null) {
                host = lab.read(t, () -> lab.hosts().isEmpty() ? null : lab.hosts().iterator().next().name());
                if (host == null) throw new HyperVException("the lab in " + path + " has no hosts");
            }
            SimHost h = lab.host(host);
            if (h == null) throw new HyperVException("the lab in " + path + " has no host named " + shownHost(host));
            return new SimSession(lab, h.name(), t, opened.release());
        } catch (RuntimeException e) {
            opened.release().run();
            throw e;
        }
    }

    private static SimClock clock(Map<String, String> o, URI uri) {
        String mode = o.getOrDefault("clock", "virtual");
        String rate = o.get("rate");
        if (rate != null && !mode.equalsIgnoreCase("scaled"))
            throw new HyperVException("rate in " + Redaction.uri(uri) + " applies to clock=scaled only");
        return switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "virtual" -> SimClock.virtual(Lab.DEFAULT_START);
            case "manual" -> SimClock.manual(Lab.DEFAULT_START);
            case "scaled" -> {
                double r;
                try {
                    r = Double.parseDouble(rate == null ? "60" : rate);
                } catch (NumberFormatException e) {
                    throw new HyperVException("rate in " + Redaction.uri(uri) + " is not a number: " + Redaction.value(rate));
                }
                if (!(r > 0) || Double.isInfinite(r)) throw new HyperVException("rate in " + Redaction.uri(uri) + " must be positive: " + Redaction.value(rate));
                yield SimClock.scaled(Instant.now().truncatedTo(ChronoUnit.SECONDS), r);
            }
            default -> throw new HyperVException("clock in " + Redaction.uri(uri) + " must be virtual, scaled or manual, not " + Redaction.value(mode));
        };
    }

    private static Lab openOrCreate(Path p, Map<String, String> o, URI uri) {
        if (Files.exists(p)) return Lab.load(p);
        String host = o.getOrDefault("host", Lab.DEFAULT_HOST);
        long seed = parseLong(o.getOrDefault("seed", "0"), "seed", uri);
        Lab lab = Lab.builder().seed(seed).clock(SimClock.virtual(Instant.now().truncatedTo(ChronoUnit.SECONDS)))
                .host(host, 16, 65536).build();
        lab.save(p);
        LOG.info("created simulated lab {} with host {}", p, host);
        return lab;
    }

    private static Map<String, String> options(String query, URI uri) {
        Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (query.isEmpty()) return m;
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw new HyperVException("malformed option " + Redaction.value(part) + " in " + Redaction.uri(uri) + " (expected name=value)");
            String name = URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8);
            if (!OPTIONS.contains(name.toLowerCase(java.util.Locale.ROOT)))
                throw new HyperVException("unknown option " + (OPTION_NAME.matcher(name).matches() ? "'" + name + "'" : Redaction.value(name)) + " in " + Redaction.uri(uri) + " (known: " + String.join(", ", OPTIONS) + ")");
            m.put(name, URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String host = m.get("host");
        if (host != null && !LabJson.HOST_NAME.matcher(host).matches())
            throw new HyperVException("host " + shownHost(host) + " in " + Redaction.uri(uri) + " is no host name (letters, digits, '-', '.')");
        return m;
    }

    /** A host option for messages: a host name as typed, any other text through {@link Redaction#value}. */
    private static String shownHost(String host) {
        return host.length() <= 63 && LabJson.HOST_NAME.matcher(host).matches() ? "'" + host + "'" : Redaction.value(host);
    }

    private static long parseLong(String s, String what, URI uri) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new HyperVException(what + " in " + Redaction.uri(uri) + " is not a number: " + Redaction.value(s));
        }
    }
}

package io.hyperv4j.sim;

import io.hyperv4j.HyperVException;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.spi.CimTransport;
import io.hyperv4j.spi.Credentials;
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
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator as a transport. URIs:
 * <ul>
 *   <li>{@code sim:standalone} — a fresh in-memory lab with one host, {@value Lab#DEFAULT_HOST}, on a
 *       virtual clock; options {@code ?host=NAME&seed=N}. The session owns the lab.</li>
 *   <li>{@code sim:file:/abs/path/lab.json} — the lab kept in that file (created with one host
 *       when missing); {@code ?host=NAME} picks the host (default: the first). All sessions in
 *       one JVM on the same file share one lab; changes are saved after each method call, each
 *       wait and on close.</li>
 * </ul>
 * Credentials are accepted and ignored: the simulator has no access control.
 */
public final class SimTransport implements CimTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SimTransport.class);
    private static final Map<Path, Lab> FILE_LABS = new ConcurrentHashMap<>();

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
        if (!supports(uri)) throw new IllegalArgumentException("not a sim: URI: " + uri);
        Duration t = timeout == null ? CimSession.DEFAULT_TIMEOUT : timeout;
        String ssp = uri.getRawSchemeSpecificPart();
        int q = ssp.indexOf('?');
        String target = q < 0 ? ssp : ssp.substring(0, q);
        Map<String, String> options = options(q < 0 ? "" : ssp.substring(q + 1), uri);
        if (target.equalsIgnoreCase("standalone")) return standalone(options, t, uri);
        if (target.startsWith("file:")) return file(target, options, t, uri);
        throw new HyperVException("unknown simulator target in " + uri + ": use sim:standalone or sim:file:/absolute/path/lab.json");
    }

    private static CimSession standalone(Map<String, String> o, Duration t, URI uri) {
        String host = o.getOrDefault("host", Lab.DEFAULT_HOST);
        long seed = parseLong(o.getOrDefault("seed", "0"), "seed", uri);
        Lab lab = Lab.builder().seed(seed).host(host, 16, 65536).build();
        return new SimSession(lab, host, t, true);
    }

    private static CimSession file(String target, Map<String, String> o, Duration t, URI uri) {
        Path path;
        try {
            path = Path.of(URI.create(target));
        } catch (RuntimeException e) {
            throw new HyperVException("cannot read a file path from " + uri + ": " + e.getMessage(), e);
        }
        if (!path.isAbsolute()) throw new HyperVException("the lab file in " + uri + " must be an absolute path");
        Lab lab = FILE_LABS.computeIfAbsent(path.normalize(), p -> openOrCreate(p, o, uri));
        String host = o.get("host");
        if (host == null) {
            host = lab.read(t, () -> lab.hosts().isEmpty() ? null : lab.hosts().iterator().next().name());
            if (host == null) throw new HyperVException("the lab in " + path + " has no hosts");
        }
        SimHost h = lab.host(host);
        if (h == null) throw new HyperVException("the lab in " + path + " has no host named '" + host + "'");
        return new SimSession(lab, h.name(), t, false);
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
            if (eq <= 0) throw new HyperVException("malformed option '" + part + "' in " + uri + " (expected name=value)");
            String name = URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8);
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("seed"))
                throw new HyperVException("unknown option '" + name + "' in " + uri + " (known: host, seed)");
            m.put(name, URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static long parseLong(String s, String what, URI uri) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new HyperVException(what + " in " + uri + " is not a number: '" + s + "'");
        }
    }
}

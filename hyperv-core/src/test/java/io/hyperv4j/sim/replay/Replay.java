package io.hyperv4j.sim.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays a recorded client conversation (one JSON step per line, each naming the client source it
 * was taken from) against a lab through the project's CIM layer, and reports every step's outcome.
 * Steps: {@code query} (WQL; {@code min} instances; {@code read} properties that must be present and
 * not null; {@code save} the first as a variable), {@code get} (a path), {@code invoke} (a method with
 * parameters in the shapes the client sends: {@code ref}, {@code refs}, {@code text} — an embedded
 * instance as CIM-XML text, from a saved template with properties set or from a class —, {@code u16},
 * {@code u32}, {@code u64}, {@code str}, {@code bool}; {@code returns} the codes the client accepts;
 * {@code out} saves output references), {@code job} (waits on the lab clock until a saved job ends in
 * state 7 Completed), {@code advance} (the lab clock). {@code ${name}} is a saved path, {@code ${name.Prop}}
 * a saved instance's property or a saved path's key ({@code |escaped}: with backslashes doubled), {@code strsOf} a saved instance's string array. A step's {@code host} names the
 * host whose session it runs on (the lab's first host when absent), as a client connects to the source and the
 * destination of a migration; a query's {@code max} bounds what it may find, its {@code expect} the values of
 * properties (as text) on the first instance, its {@code nonEmpty} arrays that must hold elements. {@code ${dir}} is a directory for the files a step writes.
 */
final class Replay {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?:\\.([A-Za-z0-9_]+))?(\\|escaped)?}");
    private static final int COMPLETED = 7;
    private static final int MAX_JOB_SECONDS = 3600;

    /** One step's outcome. */
    record Outcome(int line, String source, String what, String failure) {
        boolean passed() {
            return failure == null;
        }
    }

    private final Lab lab;
    private final Function<String, CimSession> sessions;
    private final String defaultHost;
    private final Map<String, CimInstance> saved = new HashMap<>();
    private final Map<String, ObjectPath> paths = new HashMap<>();
    private final String dir;
    private CimSession session;

    Replay(Lab lab, Function<String, CimSession> sessions, String defaultHost, java.nio.file.Path dir) {
        this.lab = lab;
        this.sessions = sessions;
        this.defaultHost = defaultHost;
        this.dir = dir.toString();
    }

    static List<JsonNode> steps(InputStream in) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) out.add(null);
                else out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    List<Outcome> run(List<JsonNode> steps) {
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode s = steps.get(i);
            if (s == null) continue;
            String what = s.path("step").asText() + " " + s.path("wql").asText(s.path("method").asText(""));
            try {
                step(s);
                out.add(new Outcome(i + 1, s.path("source").asText(), what, null));
            } catch (RuntimeException | AssertionError e) {
                out.add(new Outcome(i + 1, s.path("source").asText(), what, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return out;
    }

    private void step(JsonNode s) {
        session = sessions.apply(s.path("host").asText(defaultHost));
        switch (s.path("step").asText()) {
            case "query" -> {
                List<CimInstance> found = session.query(s.path("ns").asText("root\\virtualization\\v2"), expand(s.path("wql").asText()));
                if (found.size() < s.path("min").asInt(1)) throw new AssertionError("found " + found.size() + ", the client needs " + s.path("min").asInt(1));
                if (found.size() > s.path("max").asInt(Integer.MAX_VALUE)) throw new AssertionError("found " + found.size() + ", at most " + s.path("max").asInt() + " expected");
                for (CimInstance i : found) read(i, s);
                for (Iterator<Map.Entry<String, JsonNode>> it = s.path("expect").fields(); it.hasNext(); ) {
                    var e = it.next();
                    String actual = found.isEmpty() || found.get(0).get(e.getKey()) == null ? null : String.valueOf(found.get(0).get(e.getKey()).value());
                    if (!e.getValue().asText().equals(actual)) throw new AssertionError(e.getKey() + " is " + actual + ", the client needs " + e.getValue().asText());
                }
                if (s.has("save") && !found.isEmpty()) save(s.path("save").asText(), found.get(0));
            }
            case "get" -> {
                CimInstance i = session.get(path(s.path("path").asText()));
                if (i == null) throw new AssertionError("no instance at " + s.path("path").asText());
                read(i, s);
                if (s.has("save")) save(s.path("save").asText(), i);
            }
            case "invoke" -> {
                Map<String, CimValue> in = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = s.path("params").fields(); it.hasNext(); ) {
                    var e = it.next();
                    in.put(e.getKey(), value(e.getValue()));
                }
                MethodResult r = session.invoke(path(s.path("target").asText()), s.path("method").asText(), in);
                List<Integer> ok = new ArrayList<>();
                s.path("returns").forEach(n -> ok.add(n.asInt()));
                if (ok.isEmpty()) ok.addAll(List.of(0, 4096));
                if (!ok.contains((int) r.returnValue())) throw new AssertionError("returned " + r.returnValue() + ", the client accepts " + ok);
                for (Iterator<Map.Entry<String, JsonNode>> it = s.path("out").fields(); it.hasNext(); ) {
                    var e = it.next();
                    CimValue v = r.get(e.getKey());
                    if ((v == null || v.isNull()) && e.getKey().equals("Job") && r.returnValue() == 0) continue; // completed at once
                    if (v == null || v.isNull()) throw new AssertionError("no out parameter " + e.getKey());
                    Object ref = v.array() ? v.asList().get(0) : v.asPath();
                    paths.put(e.getValue().asText(), (ObjectPath) ref);
                }
            }
            case "job" -> {
                String name = s.path("job").asText();
                ObjectPath job = paths.get(name);
                if (job == null) return; // the method completed synchronously (0): no job to wait for
                for (int t = 0; t < MAX_JOB_SECONDS; t++) {
                    CimInstance j = session.get(job);
                    int state = (int) j.getLong("JobState");
                    if (state == COMPLETED) return;
                    if (state > COMPLETED) throw new AssertionError("job ended in state " + state + ": " + j.getString("ErrorDescription"));
                    lab.clock().advance(Duration.ofSeconds(1));
                }
                throw new AssertionError("job still running after " + MAX_JOB_SECONDS + " s");
            }
            case "advance" -> lab.clock().advance(Duration.ofSeconds(s.path("seconds").asLong()));
            default -> throw new IllegalArgumentException("unknown step " + s.path("step").asText());
        }
    }

    private void read(CimInstance i, JsonNode s) {
        for (JsonNode p : s.path("read")) {
            String name = p.asText();
            if (!i.has(name)) throw new AssertionError(i.className() + " has no property " + name);
            if (i.get(name).isNull()) throw new AssertionError(i.className() + "." + name + " is null where the client reads a value");
        }
        for (JsonNode p : s.path("nonEmpty")) // a client that tests the list's truth (Python's "if not x.List")
            if (!i.has(p.asText()) || i.get(p.asText()).isNull() || i.list(p.asText()).isEmpty())
                throw new AssertionError(i.className() + "." + p.asText() + " is empty where the client needs elements");
    }

    private void save(String name, CimInstance i) {
        saved.put(name, i);
        paths.put(name, i.path());
    }

    private ObjectPath path(String text) {
        Matcher m = VAR.matcher(text.trim());
        if (m.matches() && m.group(2) == null) {
            ObjectPath p = paths.get(m.group(1));
            if (p == null) throw new AssertionError("nothing saved as " + m.group(1));
            return p;
        }
        return ObjectPath.parse(expand(text));
    }

    private String expand(String text) {
        Matcher m = VAR.matcher(text.replace("${dir}", dir));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v;
            if (m.group(2) == null) {
                ObjectPath p = paths.get(m.group(1));
                if (p == null) throw new AssertionError("nothing saved as " + m.group(1));
                v = p.toString();
            } else if (saved.containsKey(m.group(1))) {
                v = saved.get(m.group(1)).getString(m.group(2));
            } else { // a key of a path a method returned (libvirt reads the InstanceID selector of its response)
                ObjectPath p = paths.get(m.group(1));
                if (p == null || p.key(m.group(2)) == null) throw new AssertionError("nothing saved as " + m.group(1) + " with " + m.group(2));
                v = p.key(m.group(2)).toString();
            }
            if (m.group(3) != null) v = v.replace("\\", "\\\\"); // backslashes doubled, as a client writes them into a path's quoted key
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private CimValue value(JsonNode v) {
        if (v.has("ref")) return CimValue.ref(path(v.get("ref").asText()));
        if (v.has("refs")) {
            List<ObjectPath> l = new ArrayList<>();
            v.get("refs").forEach(r -> l.add(path(r.asText())));
            return CimValue.array(CimType.REFERENCE, l);
        }
        if (v.has("text")) return CimValue.string(embedded(v.get("text")).toString());
        if (v.has("texts")) {
            List<String> l = new ArrayList<>();
            v.get("texts").forEach(t -> l.add(embedded(t).toString()));
            return CimValue.array(CimType.STRING, l);
        }
        if (v.has("str")) return CimValue.string(expand(v.get("str").asText()));
        if (v.has("strs")) {
            List<String> l = new ArrayList<>();
            v.get("strs").forEach(t -> l.add(expand(t.asText())));
            return CimValue.strings(l);
        }
        if (v.has("strsOf")) {
            String[] ref = v.get("strsOf").asText().split("\\.", 2);
            CimInstance i = saved.get(ref[0]);
            if (i == null) throw new AssertionError("no instance saved as " + ref[0]);
            return CimValue.strings(i.list(ref[1]).stream().map(String::valueOf).toList());
        }
        if (v.has("u32s")) {
            List<Long> l = new ArrayList<>();
            v.get("u32s").forEach(t -> l.add(t.asLong()));
            return CimValue.array(CimType.UINT32, l);
        }
        if (v.has("u8")) return CimValue.uint8(v.get("u8").asLong());
        if (v.has("u16")) return CimValue.uint16(v.get("u16").asLong());
        if (v.has("u32")) return CimValue.uint32(v.get("u32").asLong());
        if (v.has("u64")) return CimValue.uint64(v.get("u64").asLong());
        if (v.has("bool")) return CimValue.bool(v.get("bool").asBoolean());
        throw new IllegalArgumentException("unknown value shape " + v);
    }

    /** An instance as the client embeds it: a saved one (a template, os-win's GetText_(1)) or a new one, with properties set. */
    private CimInstance embedded(JsonNode t) {
        CimInstance.Builder b;
        if (t.has("from")) {
            String name = t.get("from").asText();
            CimInstance base = saved.get(name);
            if (base == null) throw new AssertionError("no instance saved as " + name);
            b = base.toBuilder();
        } else {
            b = CimInstance.builder(t.get("class").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = t.path("set").fields(); it.hasNext(); ) {
            var e = it.next();
            b.put(e.getKey(), value(e.getValue()));
        }
        return b.build();
    }
}

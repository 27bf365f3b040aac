package io.hyperv4j.sim;

import io.hyperv4j.cim.JobState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.HyperVException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lab as a JSON file. Saving writes a temporary file in the same directory, forces it to disk
 * and renames it over the target atomically, so a crash leaves the old file or the new one,
 * never a mix; a torn temporary file left by a crash is never read.
 * <p>The file keeps the clock. On load, time goes on from the saved time plus the real time
 * elapsed since the save (times the rate of a scaled clock; a manual clock stays where it was),
 * and whatever fell due meanwhile runs at once: a job started by one CLI command is seen
 * progressing, or done, by the next.
 */
public final class LabFile {
    private static final Logger LOG = LoggerFactory.getLogger(LabFile.class);
    static final String FORMAT = "hyperv4j-lab/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LabFile() {}

    static String toJson(Lab lab) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("seed", lab.seed());
        root.put("random", lab.random().state());
        ObjectNode clock = root.putObject("clock");
        clock.put("mode", lab.clock().mode().name());
        clock.put("now", lab.clock().now().toString());
        if (lab.clock().mode() == ClockMode.SCALED) clock.put("rate", lab.clock().rate());
        root.put("savedAt", Instant.now().toString());
        ArrayNode hosts = root.putArray("hosts");
        for (SimHost h : lab.hosts()) {
            ObjectNode hn = hosts.addObject();
            hn.put("name", h.name());
            hn.put("logicalProcessors", h.logicalProcessors());
            hn.put("memoryMb", h.memoryMb());
            hn.put("poweredOn", h.poweredOn());
            ArrayNode nics = hn.putArray("networkAdapters");
            for (SimNetworkAdapter a : h.networkAdapters())
                nics.addObject().put("description", a.description()).put("bitsPerSecond", a.bitsPerSecond()).put("network", a.network());
            ArrayNode vms = hn.putArray("vms");
            for (SimVm vm : h.vms()) vms.add(vmJson(vm));
        }
        ArrayNode jobs = root.putArray("jobs");
        for (SimHost h : lab.hosts()) for (SimJob j : h.jobs()) jobs.add(jobJson(j)); // in each host's order
        ObjectNode providers = root.putObject("providers");
        for (SimProvider p : lab.providers().all()) {
            ObjectNode pn = JSON.createObjectNode();
            p.save(lab, pn);
            if (!pn.isEmpty()) providers.set(p.getClass().getName(), pn);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the lab as JSON", e);
        }
    }

    private static ObjectNode vmJson(SimVm vm) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", vm.id());
        n.put("name", vm.name());
        n.put("notes", vm.notes());
        n.put("subType", vm.subType());
        n.put("version", vm.version());
        n.put("processors", vm.processors());
        n.put("memoryMb", vm.memoryMb());
        n.put("dynamicMemory", vm.dynamicMemory());
        n.put("state", vm.state().name());
        n.put("requestedState", vm.requestedState());
        n.put("created", vm.created().toString());
        n.put("stateChanged", vm.stateChanged().toString());
        if (vm.startedAt() != null) n.put("startedAt", vm.startedAt().toString());
        if (vm.busyJobId() != null) n.put("busyJob", vm.busyJobId());
        return n;
    }

    private static ObjectNode jobJson(SimJob j) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", j.id());
        n.put("host", j.hostName());
        n.put("operation", j.operation());
        n.put("jobType", j.jobType());
        n.put("caption", j.caption());
        n.put("description", j.description());
        n.put("cancellable", j.cancellable());
        if (j.affectedVmId() != null) n.put("affectedVm", j.affectedVmId());
        n.put("submitted", j.submitted().toString());
        n.put("started", j.started().toString());
        n.put("duration", j.duration().toString());
        if (j.ended() != null) n.put("ended", j.ended().toString());
        n.put("state", j.state().name());
        n.put("percent", j.percentComplete());
        n.put("errorCode", j.errorCode());
        n.put("errorSummary", j.errorSummary());
        n.put("errorDescription", j.errorDescription());
        ObjectNode data = n.putObject("data");
        j.allData().forEach(data::put);
        return n;
    }

    /** Writes {@code text} to {@code target} through a synced temporary file and an atomic rename. */
    static void writeAtomically(Path target, String text) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync directory {} (not supported here)", dir, e);
        }
    }

    /** Loads a lab; errors name the file and what in it is wrong. */
    static Lab load(Path file, List<SimProvider> extra) {
        String text;
        java.nio.file.attribute.FileTime stamp;
        try {
            stamp = Files.getLastModifiedTime(file);
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new HyperVException("lab file " + file + " does not exist");
        } catch (IOException e) {
            throw new HyperVException("cannot read lab file " + file + ": " + e.getMessage(), e);
        }
        try {
            Lab lab = fromJson(JSON.readTree(text), Instant.now(), extra);
            lab.file(file, stamp);
            return lab;
        } catch (JsonProcessingException e) {
            throw new HyperVException("lab file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new HyperVException("lab file " + file + " is not a valid lab: " + e.getMessage(), e);
        }
    }

    static Lab fromJson(JsonNode root, Instant realNow) {
        return fromJson(root, realNow, List.of());
    }

    static Lab fromJson(JsonNode root, Instant realNow, List<SimProvider> extra) {
        if (!FORMAT.equals(text(root, "format")))
            throw new IllegalArgumentException("format is '" + root.path("format").asText() + "', expected '" + FORMAT + "'");
        JsonNode cn = required(root, "clock");
        ClockMode mode = ClockMode.valueOf(text(cn, "mode"));
        Instant savedNow = instant(cn, "now");
        Duration realElapsed = Duration.between(instant(root, "savedAt"), realNow);
        if (realElapsed.isNegative()) realElapsed = Duration.ZERO;
        SimClock clock = switch (mode) {
            case VIRTUAL -> SimClock.virtual(savedNow.plus(realElapsed));
            case MANUAL -> SimClock.manual(savedNow);
            case SCALED -> {
                double rate = required(cn, "rate").asDouble();
                yield SimClock.scaled(savedNow.plusNanos((long) (realElapsed.toNanos() * rate)), rate);
            }
        };
        Lab lab = Lab.restored(clock, required(root, "seed").asLong(), required(root, "random").asLong(), extra);
        Map<String, SimJob> jobs = new HashMap<>();
        lab.write(Lab.DEFAULT_LOCK_TIMEOUT, savedNow, txn -> {
            for (JsonNode hn : required(root, "hosts")) {
                SimHost h = new SimHost(text(hn, "name"), required(hn, "logicalProcessors").asInt(), required(hn, "memoryMb").asLong());
                h.poweredOn(hn.path("poweredOn").asBoolean(true));
                for (JsonNode an : hn.path("networkAdapters"))
                    h.adapters.add(new SimNetworkAdapter(text(an, "description"), required(an, "bitsPerSecond").asLong(), an.path("network").asText("")));
                lab.hostIndex().put(h.name(), h);
                for (JsonNode vn : required(hn, "vms")) readVm(lab, h, vn);
            }
            for (JsonNode jn : required(root, "jobs")) {
                SimJob j = readJob(jn);
                lab.index(j);
                jobs.put(j.id(), j);
            }
            return null;
        });
        JsonNode providers = root.path("providers");
        for (SimProvider p : lab.providers().all()) {
            JsonNode pn = providers.get(p.getClass().getName());
            if (pn != null) p.load(lab, pn);
        }
        for (SimJob j : jobs.values()) lab.jobs().scheduleSteps(j);
        clock.runDue();
        return lab;
    }

    private static void readVm(Lab lab, SimHost h, JsonNode n) {
        SimVm vm = lab.createVm(null, h, text(n, "id"), text(n, "name"), instant(n, "created"));
        vm.notes(n.path("notes").asText(""));
        vm.subType(n.path("subType").asText(SimVm.SUBTYPE_GEN2));
        vm.version(n.path("version").asText(SimVm.DEFAULT_VERSION));
        vm.processors(required(n, "processors").asInt());
        vm.memoryMb(required(n, "memoryMb").asLong());
        vm.dynamicMemory(n.path("dynamicMemory").asBoolean(false));
        vm.requestedState(n.path("requestedState").asInt(12));
        vm.restore(PowerState.valueOf(text(n, "state")), instant(n, "stateChanged"),
                n.hasNonNull("startedAt") ? instant(n, "startedAt") : null);
        if (n.hasNonNull("busyJob")) vm.busyJobId(text(n, "busyJob"));
    }

    private static SimJob readJob(JsonNode n) {
        Map<String, String> data = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("data").fields(); it.hasNext(); ) {
            var e = it.next();
            data.put(e.getKey(), e.getValue().asText());
        }
        SimJob.JobSpec spec = new SimJob.JobSpec(text(n, "operation"), required(n, "jobType").asInt(), text(n, "caption"),
                n.path("description").asText(null), n.path("cancellable").asBoolean(false),
                n.hasNonNull("affectedVm") ? text(n, "affectedVm") : null, Duration.parse(text(n, "duration")), data);
        SimJob j = new SimJob(text(n, "id"), text(n, "host"), spec, instant(n, "submitted"));
        j.started = instant(n, "started");
        j.ended = n.hasNonNull("ended") ? instant(n, "ended") : null;
        j.state = JobState.valueOf(text(n, "state"));
        j.percent = n.path("percent").asInt(0);
        j.errorCode = n.path("errorCode").asInt(0);
        j.errorSummary = n.path("errorSummary").asText("");
        j.errorDescription = n.path("errorDescription").asText("");
        return j;
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException("missing '" + field + "'");
        return v;
    }

    private static String text(JsonNode n, String field) {
        return required(n, field).asText();
    }

    private static Instant instant(JsonNode n, String field) {
        try {
            return Instant.parse(text(n, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not a timestamp: " + n.get(field).asText());
        }
    }
}

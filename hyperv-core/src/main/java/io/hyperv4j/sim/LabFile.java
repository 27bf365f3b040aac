package io.hyperv4j.sim;

import io.hyperv4j.cim.JobState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.HyperVException;
import io.hyperv4j.cim.ElementName;
import io.hyperv4j.internal.JsonTrees;
import io.hyperv4j.vm.VmSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.HashMap;
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
    /** Windows Server 2016 and later: 12 TB of memory per VM. */
    public static final long MAX_VM_MEMORY_MB = 12L << 20;
    /** Windows Server 2022: 2,048 logical processors per host. */
    static final long MAX_HOST_PROCESSORS = 2048;
    /** So that bytes (MB << 20) still fit in a long. */
    static final long MAX_HOST_MEMORY_MB = Long.MAX_VALUE >> 20;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private LabFile() {}

    /**
     * What a lab file holds: its text, its tree when kept (null: parse the text when asked), the
     * time stamps in it, and the lab clock's reading when the lab matched it (after a load, once
     * what fell due ran; after a save, the saved "now").
     */
    record Contents(String text, JsonNode tree, Instant clockNow, Instant fileNow, Instant savedAt) {
        /** The file's tree: the one read at load (a copy no provider saw), else parsed from the text. */
        JsonNode parsed() {
            if (tree != null) return tree;
            try {
                return JsonTrees.read(text);
            } catch (IOException e) {
                throw new UncheckedIOException("a lab file this lab wrote does not parse: " + e.getMessage(), e);
            }
        }
    }

    static String toJson(Lab lab) {
        return contentsToSave(lab, null).text();
    }

    /**
     * The file to write to save {@code lab}, or null when {@code kept}, what the file holds, already
     * holds the lab: the clock has not moved since, and the lab's tree with the file's own time
     * stamps is the file's tree ({@link JsonTrees#sameJson}). The whole model is rendered and
     * compared, not a flag consulted, so no change can be missed, whoever made it; a command that
     * only read leaves the file alone. Trees rather than texts: writing the text out only to
     * compare it was a quarter of the check. Call under the lab's lock.
     */
    static Contents contentsToSave(Lab lab, Contents kept) {
        Instant now = lab.clock().now();
        ObjectNode root = tree(lab);
        if (kept != null && now.equals(kept.clockNow()) && JsonTrees.sameJson(stamp(root, kept.fileNow(), kept.savedAt()), kept.parsed()))
            return null;
        Instant savedAt = Instant.now();
        // no tree kept: a provider may keep nodes it put in it and change them later
        return new Contents(JsonTrees.indented(stamp(root, now, savedAt)), null, now, now, savedAt);
    }

    private static ObjectNode stamp(ObjectNode root, Instant now, Instant savedAt) {
        ((ObjectNode) root.get("clock")).put("now", now.toString());
        root.put("savedAt", savedAt.toString());
        return root;
    }

    private static ObjectNode tree(Lab lab) {
        ObjectNode root = JSON.objectNode();
        root.put("format", FORMAT);
        root.put("seed", lab.seed());
        root.put("random", lab.random().state());
        ObjectNode clock = root.putObject("clock");
        clock.put("mode", lab.clock().mode().name());
        clock.putNull("now"); // stamped last, where it stands
        if (lab.clock().mode() == ClockMode.SCALED) clock.put("rate", lab.clock().rate());
        root.putNull("savedAt");
        ArrayNode hosts = root.putArray("hosts");
        for (SimHost h : lab.hosts()) {
            ObjectNode hn = hosts.addObject();
            hn.put("name", h.name());
            hn.put("logicalProcessors", h.logicalProcessors());
            hn.put("memoryMb", h.memoryMb());
            hn.put("poweredOn", h.poweredOn());
            if (h.numaNodes() != 1) hn.put("numaNodes", h.numaNodes());
            ArrayNode nics = hn.putArray("networkAdapters");
            for (SimNetworkAdapter a : h.networkAdapters())
                nics.addObject().put("description", a.description()).put("bitsPerSecond", a.bitsPerSecond()).put("network", a.network());
            ArrayNode vms = hn.putArray("vms");
            for (SimVm vm : h.vms()) vms.add(vmJson(vm));
        }
        ArrayNode jobs = root.putArray("jobs");
        for (SimHost h : lab.hosts()) for (SimJob j : h.jobs()) jobs.add(jobJson(j)); // in each host's order
        // by class name, not in the order the providers were found (the class path's): the same lab gives the same text
        java.util.SortedMap<String, JsonNode> parts = new java.util.TreeMap<>(lab.unownedProviderParts());
        for (SimProvider p : lab.providers().all()) {
            ObjectNode pn = JSON.objectNode();
            p.save(lab, pn);
            if (!pn.isEmpty()) parts.put(p.getClass().getName(), pn);
        }
        root.putObject("providers").setAll(parts);
        return root;
    }

    private static ObjectNode vmJson(SimVm vm) {
        ObjectNode n = JSON.objectNode();
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
        n.put("ran", vm.ran(vm.stateChanged()).toString());
        GuestLoad g = vm.guestLoad();
        // identity first: a record's first equals links an invokedynamic bootstrap, ~5 % of a short command
        if (g != GuestLoad.IDLE && !g.equals(GuestLoad.IDLE)) n.putObject("guestLoad").put("cpuPerVp", g.cpuPerVp()).put("readsPerSecond", g.readsPerSecond())
                .put("writesPerSecond", g.writesPerSecond()).put("bytesPerIo", g.bytesPerIo()).put("latencySeconds", g.latencySeconds())
                .put("receivedBytesPerSecond", g.receivedBytesPerSecond()).put("sentBytesPerSecond", g.sentBytesPerSecond());
        return n;
    }

    private static ObjectNode jobJson(SimJob j) {
        ObjectNode n = JSON.objectNode();
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

    /**
     * What tells one version of the file from the next: every save renames a new file into place,
     * so its identity (inode) changes even when the modification time's resolution would not.
     */
    record Stamp(java.nio.file.attribute.FileTime modified, long size, Object key) {
        static Stamp of(Path file) throws IOException {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
        }

        /** Field by field: a record's generated equals links an invokedynamic bootstrap on first use, ~5 % of a short command. */
        boolean sameAs(Stamp other) {
            return other != null && modified.equals(other.modified) && size == other.size && java.util.Objects.equals(key, other.key);
        }
    }

    /** Writes {@code text} to {@code target} through a synced temporary file and an atomic rename. */
    static void writeAtomically(Path target, String text) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        removeStaleTemps(dir, "." + abs.getFileName() + ".");
        Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.lock(); // marks it live: removeStaleTemps leaves a locked one alone
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

    /** Deletes the temporary files of saves that were killed (unlocked: no live save holds them). */
    private static void removeStaleTemps(Path dir, String prefix) {
        try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path stale : s) {
                try (FileChannel ch = FileChannel.open(stale, StandardOpenOption.WRITE)) {
                    if (ch.tryLock() != null) Files.deleteIfExists(stale);
                } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
                    LOG.debug("leaving {}: {}", stale, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot look for stale temporary files in {}", dir, e);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync directory {} (not supported here)", dir, e);
        }
    }

    /** Loads a lab with exactly {@code providers}; errors name the file and what in it is wrong. */
    static Lab load(Path file, List<SimProvider> providers) {
        String text;
        Stamp stamp;
        try {
            stamp = Stamp.of(file);
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new HyperVException("lab file " + file + " does not exist");
        } catch (IOException e) {
            throw new HyperVException("cannot read lab file " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode root = JsonTrees.read(text);
            JsonNode asRead = root.deepCopy(); // the providers are handed parts of root, and may keep them
            Lab lab = fromJson(root, Instant.now(), providers);
            lab.file(file, stamp, new Contents(text, asRead, lab.clock().now(), Instant.parse(root.get("clock").get("now").asText()),
                    Instant.parse(root.get("savedAt").asText())));
            return lab;
        } catch (JsonProcessingException e) {
            throw new HyperVException("lab file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HyperVException("cannot read lab file " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new HyperVException("lab file " + file + " is not a valid lab: " + e.getMessage(), e);
        }
    }

    static Lab fromJson(JsonNode root, Instant realNow) {
        return fromJson(root, realNow, Lab.discovered(List.of()));
    }

    static Lab fromJson(JsonNode rootNode, Instant realNow, List<SimProvider> providers) {
        LabJson root = LabJson.root(rootNode);
        if (!FORMAT.equals(root.string("format"))) throw root.invalid("format", "expected '" + FORMAT + "'");
        LabJson cn = root.object("clock");
        ClockMode mode = cn.constant("mode", ClockMode.class);
        Instant savedNow = cn.instant("now");
        Duration realElapsed = Duration.between(root.instant("savedAt"), realNow);
        if (realElapsed.isNegative()) realElapsed = Duration.ZERO;
        SimClock clock = switch (mode) {
            case VIRTUAL -> SimClock.virtual(savedNow.plus(realElapsed));
            case MANUAL -> SimClock.manual(savedNow);
            case SCALED -> {
                double rate = cn.number("rate", Double.MIN_VALUE, 1e9);
                yield SimClock.scaled(savedNow.plusNanos((long) (realElapsed.toNanos() * rate)), rate);
            }
        };
        long seed = root.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        long random = root.integer("random", Long.MIN_VALUE, Long.MAX_VALUE);
        List<LabJson> hosts = root.objects("hosts");
        List<LabJson> jobNodes = root.objects("jobs");
        Map<String, LabJson> providerNodes = root.has("providers") ? root.object("providers").fields() : Map.of();
        Lab lab = Lab.restored(clock, seed, random, providers);
        Map<String, SimJob> jobs = new HashMap<>();
        lab.write(Lab.DEFAULT_LOCK_TIMEOUT, savedNow, txn -> {
            Map<String, String> vmAt = new HashMap<>();
            for (LabJson hn : hosts) {
                String name = hn.string("name", LabJson.HOST_NAME, "a host name (letters, digits, '-', '.')");
                if (lab.host(name) != null) throw hn.invalid("name", "a second host named " + name);
                SimHost h = new SimHost(name, (int) hn.integer("logicalProcessors", 1, MAX_HOST_PROCESSORS),
                        hn.integer("memoryMb", 1, MAX_HOST_MEMORY_MB));
                h.poweredOn(hn.bool("poweredOn", true));
                h.numaNodes((int) hn.integer("numaNodes", 1, h.logicalProcessors(), 1));
                if (hn.has("networkAdapters")) {
                    for (LabJson an : hn.objects("networkAdapters")) {
                        SimNetworkAdapter adapter;
                        try {
                            adapter = new SimNetworkAdapter(an.string("description"), an.integer("bitsPerSecond", 1, Long.MAX_VALUE),
                                    an.string("network", ""));
                        } catch (IllegalArgumentException e) {
                            throw an.invalid("description", e.getMessage());
                        }
                        h.adapters.add(adapter);
                    }
                }
                lab.hostIndex().put(h.name(), h);
                for (LabJson vn : hn.objects("vms")) readVm(lab, h, vn, vmAt);
            }
            for (LabJson jn : jobNodes) {
                SimJob j = readJob(jn, lab);
                if (jobs.put(j.id(), j) != null) throw jn.invalid("id", "a second job with id " + j.id());
                lab.index(j);
            }
            return null;
        });
        for (SimProvider p : lab.providers().all()) {
            LabJson pn = providerNodes.get(p.getClass().getName());
            if (pn == null) continue;
            if (!pn.node().isObject()) throw new IllegalArgumentException(pn.path() + ": expected an object");
            try {
                p.load(lab, pn);
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(pn.path())) throw e;   // LabJson's, path included
                throw new IllegalArgumentException(pn.path() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(pn.path() + ": " + e.getMessage(), e);
            }
        }
        // A part whose provider is not on this class path (an application's own, a module left out) is kept
        // as it was and written back: a save here must not lose what another program's lab holds.
        Map<String, JsonNode> unowned = new java.util.TreeMap<>();
        providerNodes.forEach((name, pn) -> unowned.put(name, pn.node().deepCopy()));
        for (SimProvider p : lab.providers().all()) unowned.remove(p.getClass().getName());
        if (!unowned.isEmpty()) {
            LOG.info("lab state of providers not on the class path is kept unchanged: {}", unowned.keySet());
            lab.unownedProviderParts(unowned);
        }
        for (SimJob j : jobs.values()) lab.jobs().scheduleSteps(j);
        clock.runDue();
        return lab;
    }

    private static void readVm(Lab lab, SimHost h, LabJson n, Map<String, String> vmAt) {
        String id = n.string("id", LabJson.GUID, "a GUID such as 8F2A1C3E-5B7D-4E9F-A1B2-C3D4E5F60718");
        String seen = vmAt.putIfAbsent(id.toUpperCase(java.util.Locale.ROOT), n.path());
        if (seen != null) throw n.invalid("id", "VM id " + id + " is also at " + seen);
        String name = n.string("name");
        ElementName.problem("the VM name", name).ifPresent(why -> {
            throw n.invalid("name", why);
        });
        String subType = n.string("subType", SimVm.SUBTYPE_GEN2);
        if (!subType.equals(SimVm.SUBTYPE_GEN1) && !subType.equals(SimVm.SUBTYPE_GEN2))
            throw n.invalid("subType", "expected " + SimVm.SUBTYPE_GEN1 + " or " + SimVm.SUBTYPE_GEN2);
        SimVm vm = lab.createVm(null, h, id, name, n.instant("created"));
        vm.notes(n.string("notes", ""));
        vm.subType(subType);
        vm.version(n.string("version", SimVm.DEFAULT_VERSION));
        vm.processors((int) n.integer("processors", 1, VmSpec.MAX_PROCESSORS));
        vm.memoryMb(n.integer("memoryMb", VmSpec.MIN_MEMORY_MB, MAX_VM_MEMORY_MB));
        vm.dynamicMemory(n.bool("dynamicMemory", false));
        vm.requestedState((int) n.integer("requestedState", 0, 65535, 12));
        vm.restore(n.constant("state", PowerState.class), n.instant("stateChanged"), n.instant("startedAt", null));
        if (n.has("busyJob")) vm.busyJobId(n.string("busyJob", LabJson.GUID, "a job id (GUID)"));
        if (n.has("ran")) vm.restoreRan(n.duration("ran"));
        if (n.has("guestLoad")) vm.guestLoad(guestLoad(n.object("guestLoad")));
    }

    private static GuestLoad guestLoad(LabJson n) {
        double rate = 1e12;
        return new GuestLoad(n.number("cpuPerVp", 0, 1), n.number("readsPerSecond", 0, rate), n.number("writesPerSecond", 0, rate),
                n.number("bytesPerIo", 1, rate), n.number("latencySeconds", 0, 3600),
                n.number("receivedBytesPerSecond", 0, rate), n.number("sentBytesPerSecond", 0, rate));
    }

    private static SimJob readJob(LabJson n, Lab lab) {
        String host = n.string("host");
        if (lab.host(host) == null) throw n.invalid("host", "no host named " + host + " in the lab");
        String affected = n.has("affectedVm") ? n.string("affectedVm", LabJson.GUID, "a VM id (GUID)") : null;
        SimJob.JobSpec spec = new SimJob.JobSpec(n.string("operation"), (int) n.integer("jobType", 0, 65535), n.string("caption"),
                n.string("description", null), n.bool("cancellable", false), affected, n.duration("duration"), n.strings("data"));
        SimJob j = new SimJob(n.string("id", LabJson.GUID, "a job id (GUID)"), host, spec, n.instant("submitted"));
        j.started = n.instant("started");
        j.ended = n.instant("ended", null);
        j.state = n.constant("state", JobState.class);
        j.percent = (int) n.integer("percent", 0, 100, 0);
        j.errorCode = (int) n.integer("errorCode", Integer.MIN_VALUE, 0xFFFFFFFFL, 0);
        j.errorSummary = n.string("errorSummary", "");
        j.errorDescription = n.string("errorDescription", "");
        return j;
    }
}

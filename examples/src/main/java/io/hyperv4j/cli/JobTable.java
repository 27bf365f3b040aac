package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.internal.JsonTrees;
import io.hyperv4j.perf.export.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The tool's table of cluster jobs of one lab, kept in {@code FILE.jobs.json} beside the lab file
 * (read and written under the lab's lock, replaced atomically), so a job started by one command is
 * listed, waited for or cancelled by the next. Jobs of Msvm_ConcreteJob are not here: the host
 * keeps those itself.
 */
final class JobTable {
    static final String FORMAT = "hyperv4j-cli-jobs/1";
    /** Finished jobs kept for {@code job list}, newest last. */
    static final int KEEP_FINISHED = 50;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Path file;
    private final List<CliJob> jobs = new ArrayList<>();
    private boolean changed;

    private JobTable(Path file) {
        this.file = file;
    }

    /** The table file of a lab file. */
    static Path fileOf(Path labFile) {
        return labFile.resolveSibling(labFile.getFileName() + ".jobs.json");
    }

    /** An empty table for a lab without a file: its jobs end with the command. */
    static JobTable inMemory() {
        return new JobTable(null);
    }

    /** Reads the table of {@code labFile}; empty when there is none yet. Errors name the file and what is wrong. */
    static JobTable of(Path labFile) {
        JobTable t = new JobTable(fileOf(labFile));
        if (!Files.isRegularFile(t.file)) return t;
        try {
            JsonNode root = JsonTrees.read(Files.readString(t.file));
            if (!FORMAT.equals(root.path("format").asText()))
                throw new CommandFailedException("job table " + t.file + " has format '" + root.path("format").asText() + "', expected " + FORMAT);
            for (JsonNode n : root.path("jobs")) t.jobs.add(read(n));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CommandFailedException c) throw c;
            throw new CommandFailedException("job table " + t.file + " is not valid: " + e.getMessage(), e);
        }
        return t;
    }

    private static CliJob read(JsonNode n) {
        return new CliJob(text(n, "Id"), CliJob.Kind.valueOf(text(n, "JobType")), text(n, "Location"), text(n, "Target"),
                n.path("Destination").asText(""), n.path("Command").asText(""), Instant.parse(text(n, "BeginTime")),
                n.hasNonNull("EndTime") ? Instant.parse(n.get("EndTime").asText()) : null, text(n, "State"), n.path("Error").asText(""));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) throw new IllegalArgumentException("a job has no '" + field + "'");
        return v.asText();
    }

    List<CliJob> all() {
        return List.copyOf(jobs);
    }

    Optional<CliJob> find(String id) {
        return jobs.stream().filter(j -> j.id().equalsIgnoreCase(id)).findFirst();
    }

    void add(CliJob job) {
        jobs.add(job);
        int finished = (int) jobs.stream().filter(j -> !j.running()).count();
        for (int i = 0; i < jobs.size() && finished > KEEP_FINISHED; ) {
            if (!jobs.get(i).running()) {
                jobs.remove(i);
                finished--;
            } else i++;
        }
        changed = true;
    }

    void replace(CliJob job) {
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).id().equals(job.id())) {
                if (!jobs.get(i).equals(job)) changed = true;
                jobs.set(i, job);
                return;
            }
        }
        throw new IllegalArgumentException("no job " + job.id());
    }

    /** Writes the table if it changed; called while the lab's lock is held, before the lab is saved. */
    void saveIfChanged() {
        if (file == null || !changed) return;
        ObjectNode root = JSON.objectNode().put("format", FORMAT);
        ArrayNode arr = root.putArray("jobs");
        for (CliJob j : jobs) {
            ObjectNode n = arr.addObject().put("Id", j.id()).put("JobType", j.kind().name()).put("Location", j.computerName())
                    .put("Target", j.target()).put("Destination", j.destination()).put("Command", j.command())
                    .put("BeginTime", j.begin().toString()).put("State", j.state()).put("Error", j.error());
            n.put("EndTime", j.end() == null ? null : j.end().toString());
        }
        try {
            AtomicFiles.write(file, JsonTrees.indented(root));
            changed = false;
        } catch (IOException e) {
            throw new CommandFailedException("cannot write the job table " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the table of {@code labFile} (a lab replaced by {@code lab new --force} starts with no jobs). */
    static void delete(Path labFile) {
        try {
            Files.deleteIfExists(fileOf(labFile));
        } catch (IOException e) {
            throw new CommandFailedException("cannot remove the old job table " + fileOf(labFile) + ": " + e.getMessage(), e);
        }
    }

    static String newId() {
        return java.util.UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }
}

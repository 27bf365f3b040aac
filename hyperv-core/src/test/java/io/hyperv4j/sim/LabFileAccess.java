package io.hyperv4j.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Test access to loading a lab file as if no real time had passed since the save. */
public final class LabFileAccess {
    private LabFileAccess() {}

    /** Loads {@code file} with the lab clock at {@code labTime} (the saved time: no real time elapsed). */
    public static Lab loadAt(Path file, Instant labTime) throws Exception {
        var json = new ObjectMapper().readTree(Files.readString(file));
        Instant savedAt = Instant.parse(json.get("savedAt").asText());
        return LabFile.fromJson(json, savedAt);
    }
}

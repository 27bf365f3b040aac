package io.hyperv4j.scvmm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.LabJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** The storage jobs (MSFT_StorageJob) in the lab file: saved with the SAN section, read against its schema. */
final class StorageJobsFile {
    private static final String FIELD = "storageJobs";
    private static final Pattern JOB_ID = Pattern.compile("\\{" + LabJson.GUID.pattern() + "\\}");

    private StorageJobsFile() {}

    static void save(Collection<SimStorageJob> jobs, ObjectNode into) {
        if (jobs.isEmpty()) return;
        ArrayNode a = into.putArray(FIELD);
        for (SimStorageJob j : jobs)
            a.addObject().put("id", j.id).put("host", j.host).put("description", j.description)
                    .put("started", j.started.toString()).put("ends", j.ends.toString()).put("completed", j.completed);
    }

    /** The saved jobs; a field that does not validate is refused with its path, and nothing is read. */
    static List<SimStorageJob> load(JsonNode from) {
        List<SimStorageJob> out = new ArrayList<>();
        if (from == null || !from.has(FIELD)) return out;
        for (LabJson j : LabJson.root(from).objects(FIELD)) {
            var started = j.instant("started");
            var ends = j.instant("ends");
            if (ends.isBefore(started)) throw j.invalid("ends", "is before started (" + started + ")");
            SimStorageJob job = new SimStorageJob(j.string("id", JOB_ID, "storage job id"), j.string("host", LabJson.HOST_NAME, "host name"),
                    j.string("description"), started, Duration.between(started, ends));
            job.completed = j.bool("completed", false);
            out.add(job);
        }
        return out;
    }
}

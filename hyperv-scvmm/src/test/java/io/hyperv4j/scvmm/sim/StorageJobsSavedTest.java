package io.hyperv4j.scvmm.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A storage job (MSFT_StorageJob) is kept in the lab file: a lab saved mid-job resumes it and it completes when it would have. */
class StorageJobsSavedTest {
    static final String NS = "root\\Microsoft\\Windows\\Storage";

    @TempDir
    Path dir;

    @Test
    void aFormattingJobSavedHalfwayCompletesAtTheSameInstantAfterLoading() throws Exception {
        Path file = dir.resolve("lab.json");
        ObjectPath jobPath;
        Instant ends;
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            CimSession s = lab.session("host1");
            CimInstance rg = s.query(NS, "SELECT * FROM MSFT_StoragePool").stream()
                    .filter(p -> "RG001".equals(p.stringOr("FriendlyName", null))).findFirst().orElseThrow();
            MethodResult r = s.invoke(rg.path(), "CreateVirtualDisk", Map.of("FriendlyName", CimValue.string("new"),
                    "Size", CimValue.uint64(100_000_000_000L), "RunAsJob", CimValue.bool(true)));
            jobPath = r.reference("CreatedStorageJob").orElseThrow();
            Duration length = Duration.ofSeconds(100_000_000_000L / WindowsStorageProvider.FORMAT_BYTES_PER_SECOND);
            ends = lab.clock().now().plus(length);
            lab.clock().advance(length.dividedBy(2));
            assertEquals(4, s.get(jobPath).intOr("JobState", 0), "running");
            lab.save(file);
        }
        assertTrue(Files.readString(file).contains("storageJobs"));
        try (Lab lab = Lab.load(file)) {
            CimSession s = lab.session("host1");
            CimInstance job = s.get(jobPath);
            assertEquals(4, job.intOr("JobState", 0), "still running after loading");
            assertTrue(job.intOr("PercentComplete", 0) >= 49 && job.intOr("PercentComplete", 0) <= 51, job.toString());
            lab.clock().advance(Duration.between(lab.clock().now(), ends).minusMillis(1));
            assertEquals(4, s.get(jobPath).intOr("JobState", 0), "not before its end");
            lab.clock().advance(Duration.ofMillis(2));
            assertEquals(7, s.get(jobPath).intOr("JobState", 0), "completed at its end");
        }
    }

    @Test
    void aStorageJobThatDoesNotValidateIsRefusedWithItsPath() throws Exception {
        Path file = dir.resolve("lab.json");
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            CimSession s = lab.session("host1");
            CimInstance rg = s.query(NS, "SELECT * FROM MSFT_StoragePool").stream()
                    .filter(p -> "RG001".equals(p.stringOr("FriendlyName", null))).findFirst().orElseThrow();
            s.invoke(rg.path(), "CreateVirtualDisk", Map.of("FriendlyName", CimValue.string("new"),
                    "Size", CimValue.uint64(10_000_000_000L), "RunAsJob", CimValue.bool(true)));
            lab.save(file);
        }
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\"ends\" : \"[^\"]*\"", "\"ends\" : \"2000-01-01T00:00:00Z\""));
        io.hyperv4j.HyperVException e = assertThrows(io.hyperv4j.HyperVException.class, () -> Lab.load(file).close());
        assertTrue(e.getMessage().contains("storageJobs") && e.getMessage().contains("ends"), e.getMessage());
    }
}

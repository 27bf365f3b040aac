package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool loads lab files with its own table of providers: it must hold every provider the class path has. */
class SimProvidersTest {
    @TempDir
    Path dir;

    @Test
    void theTableHoldsEveryProviderOnTheClassPathOnce() {
        List<String> table = SimProviders.create().stream().map(p -> p.getClass().getName()).toList();
        Set<String> found = ServiceLoader.load(SimProvider.class).stream().map(p -> p.type().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(found.isEmpty());
        assertEquals(table.size(), Set.copyOf(table).size(), "each provider once: " + table);
        assertEquals(found, new TreeSet<>(table));
    }

    @Test
    void aLabLoadedWithTheTableSavesWhatALabLoadedByTheLookUpSaves() throws Exception {
        Path file = dir.resolve("lab.json");
        try (Lab lab = Lab.fromTemplate("seed001-monitored", 7, SimClock.manual(Lab.DEFAULT_START))) {
            lab.save(file);
        }
        try (Lab lab = Lab.load(file)) {
            lab.save(file);   // the first load settles the cluster's view of its groups
        }
        String written = Files.readString(file);
        Path viaTable = dir.resolve("table.json");
        Path viaLookUp = dir.resolve("lookup.json");
        try (Lab lab = Lab.loadWith(file, SimProviders.create())) {
            lab.save(file);   // nothing changed: the file is left alone
            assertEquals(written, Files.readString(file));
            lab.save(viaTable);
        }
        try (Lab lab = Lab.load(file)) {
            lab.save(viaLookUp);
        }
        assertEquals(withoutStamps(Files.readString(viaLookUp)), withoutStamps(Files.readString(viaTable)));
    }

    /** The text without the times a save stamps (the clock's reading and the real time of the save). */
    private static String withoutStamps(String lab) {
        return lab.replaceAll("\"(now|savedAt)\" : \"[^\"]*\"", "\"$1\" : \"\"");
    }
}

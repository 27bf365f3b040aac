package io.hyperv4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts a CLI in a child JVM with this test's class path, for the tests that
 * kill or race real processes: C1 only, the serial collector and the JDK's class-data archive, the
 * fastest start for hundreds of short children. (An application class-data archive would halve
 * their start, as it does for {@code ./hyperv}, but JDK 17 refuses to archive from a class path
 * holding class directories, which is what a test class path is.) No perf-data file: a child killed
 * with -9 leaves its /tmp/hsperfdata file behind, and a later child given the same pid warns on its
 * first output line that the file is locked, where the tests read the child's "ready".
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** {@code java [options] -cp CLASSPATH MAIN}, ready for the main's arguments. */
    static List<String> command(Class<?> main, String... options) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        return cmd;
    }
}

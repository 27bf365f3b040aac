package io.hyperv4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The command line that starts a CLI in a child JVM with this test's class path, for the tests that
 * kill or race real processes (hundreds of children per run). The children share an application
 * class-data archive, made once per test JVM by {@link Training} running the commands they run:
 * each child then maps the classes instead of loading them, which halves its start. Without the
 * archive (if making it failed) children start as before; nothing a test asserts depends on it.
 */
final class ChildJvm {
    private static Path archive;
    private static boolean tried;

    private ChildJvm() {
    }

    /** {@code java [options] -cp CLASSPATH MAIN}, ready for the main's arguments. */
    static List<String> command(Class<?> main, String... options) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        archive().ifPresent(a -> cmd.addAll(List.of("-XX:SharedArchiveFile=" + a, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        return cmd;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static synchronized java.util.Optional<Path> archive() {
        if (!tried) {
            tried = true;
            archive = make();
        }
        return java.util.Optional.ofNullable(archive);
    }

    private static Path make() {
        try {
            Path dir = Files.createTempDirectory("hyperv-children");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            Path jsa = dir.resolve("children.jsa");
            Process p = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-XX:ArchiveClassesAtExit=" + jsa, "-cp", System.getProperty("java.class.path"),
                    Training.class.getName(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 && Files.isRegularFile(jsa) ? jsa : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans it
        }
    }

    /** Runs, once, the commands the children run (so their classes are in the archive), then exits normally. */
    public static final class Training {
        public static void main(String[] args) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
            Path dir = Path.of(args[0]);
            String lab = dir.resolve("lab.json").toString();
            String disk = dir.resolve("web.vhdx").toString();
            String child = dir.resolve("child.vhdx").toString();
            PrintStream none = new PrintStream(OutputStream.nullOutputStream());
            Cli cli = Cli.withInstalledNouns(none, none, Environment.system());
            for (String[] c : new String[][] {
                    {"lab", "new", lab}, {"--lab", lab, "vm", "new", "web"}, {"vhd", "new", disk, "--size", "8MB"},
                    {"--lab", lab, "vm", "disk", "add", "web", "--path", disk},
                    {"--lab", lab, "checkpoint", "new", "web", "--name", "one"},
                    {"--lab", lab, "checkpoint", "apply", "web", "--name", "one"},
                    {"--lab", lab, "checkpoint", "remove", "web", "--name", "one"},
                    {"--lab", lab, "--json", "vm", "list"}, {"--lab", lab, "vm", "start", "web"},
                    {"vhd", "new", child, "--parent", disk}, {"vhd", "merge", child}, {"vhd", "resize", disk, "--size", "16MB"},
                    {"vhd", "test", disk}, {"--json", "vhd", "get", disk}}) {
                cli.run(c); // a command that fails still loaded its classes
            }
            System.exit(0); // a normal exit: the JVM writes the archive
        }
    }
}

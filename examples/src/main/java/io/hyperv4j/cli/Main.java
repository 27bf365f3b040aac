package io.hyperv4j.cli;

/** Entry point of the {@code hyperv} launcher. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Before any logger exists: warnings only, on stderr, so stdout stays clean for --json.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null)
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null)
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        int code = Cli.withInstalledNouns(System.out, System.err, Environment.system()).run(args);
        System.exit(code);
    }
}

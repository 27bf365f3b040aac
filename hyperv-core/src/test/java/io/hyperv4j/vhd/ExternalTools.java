package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Locates and runs the independent implementations used for interop (qemu-img, vhdiinfo). */
final class ExternalTools {
    private ExternalTools() {
    }

    /** Result of a tool run. */
    record Run(int exitCode, String output) {
    }

    static Optional<Path> find(String binary) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, binary);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test (with the reason) when the tool is not installed; fails instead under CI=true. */
    static Path require(String binary) {
        Optional<Path> p = find(binary);
        if (p.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(binary + " is not installed but CI=true (.ci/run installs qemu-utils and libvhdi-utils)");
        }
        assumeTrue(p.isPresent(), binary + " is not installed (apt-get install qemu-utils libvhdi-utils); "
                + "interop test skipped");
        return p.get();
    }

    static Run run(String binary, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(require(binary).toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " timed out");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String qemuFormat(VhdFormat f) {
        return switch (f) {
            case VHD -> "vpc";
            case VHDX -> "vhdx";
            case RAW -> "raw";
        };
    }
}

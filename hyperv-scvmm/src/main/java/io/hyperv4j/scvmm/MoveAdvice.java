package io.hyperv4j.scvmm;

import java.util.List;
import java.util.Optional;

/** Every method for moving one VM to one host, in {@link MigrationMethod} order; the one to use first. */
public record MoveAdvice(String vm, String from, String to, List<MethodAdvice> methods) {
    public MoveAdvice {
        methods = List.copyOf(methods);
    }

    /** The possible method with the least downtime (ties: the earlier, less disruptive one). */
    public Optional<MethodAdvice> recommended() {
        MethodAdvice best = null;
        for (MethodAdvice m : methods)
            if (m.possible() && (best == null || m.expectedDowntime().compareTo(best.expectedDowntime()) < 0)) best = m;
        return Optional.ofNullable(best);
    }

    public MethodAdvice method(MigrationMethod method) {
        return methods.stream().filter(m -> m.method() == method).findFirst().orElseThrow();
    }
}

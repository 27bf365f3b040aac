package io.hyperv4j.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The lab templates on the class path, by name. */
final class LabTemplates {
    static final String DEFAULT = "standalone";

    private LabTemplates() {}

    static List<LabTemplate> all() {
        List<LabTemplate> found = new ArrayList<>();
        ServiceLoader.load(LabTemplate.class).forEach(found::add);
        found.sort(Comparator.comparing(LabTemplate::name));
        return found;
    }

    static LabTemplate named(String name) {
        List<LabTemplate> all = all();
        return all.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new UsageException("lab", "unknown template '" + name + "'; templates: "
                        + String.join(", ", all.stream().map(LabTemplate::name).toList())));
    }
}

package io.hyperv4j.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The lab templates on the class path ({@link LabTemplate} providers), by name. */
public final class LabTemplates {
    /** The template of a lab nobody chose: {@link StandaloneTemplate}. */
    public static final String DEFAULT = "standalone";

    private LabTemplates() {}

    /** Every template on the class path, sorted by name. */
    public static List<LabTemplate> all() {
        List<LabTemplate> found = new ArrayList<>();
        java.util.ServiceLoader.load(LabTemplate.class, LabTemplates.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparing(LabTemplate::name));
        return found;
    }

    /**
     * The template called {@code name}.
     *
     * @throws IllegalArgumentException naming the templates there are, when none is called so
     */
    public static LabTemplate named(String name) {
        List<LabTemplate> all = all();
        return all.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown template '" + name + "'; templates: "
                        + String.join(", ", all.stream().map(LabTemplate::name).toList())
                        + (name != null && name.contains("cluster") ? " (cluster templates come with hyperv-cluster)" : "")));
    }
}

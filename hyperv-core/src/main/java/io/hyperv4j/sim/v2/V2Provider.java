package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.SimProvider;
import java.util.Set;

/** A provider of root\virtualization\v2 classes: the namespace and the class set every one of them declares. */
public abstract class V2Provider implements SimProvider {
    private final Set<String> classes;

    /**
     * @param classes the classes this provider serves (case-insensitive, as {@link V2#classSet} builds them)
     */
    protected V2Provider(Set<String> classes) {
        this.classes = classes;
    }

    @Override
    public final String namespace() {
        return V2.NAMESPACE;
    }

    @Override
    public final Set<String> classNames() {
        return classes;
    }
}

package io.hyperv4j.sim.junit;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimHost;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link HyperVSimulator}: one lab per test, made on first injection, closed
 * with the test (with the host it connected). Stateless itself: everything lives in the test's
 * extension store.
 */
public final class HyperVSimulatorExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(HyperVSimulatorExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == HyperVHost.class || type == Lab.class || type == SimClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (context.getTestMethod().isEmpty())
            throw new ParameterResolutionException("@HyperVSimulator injects into test methods, not into " + parameter.getDeclaringExecutable());
        Fixture fixture = context.getStore(NS).getOrComputeIfAbsent(Fixture.class, k -> new Fixture(settings(context)), Fixture.class);
        if (type == Lab.class) return fixture.lab;
        if (type == SimClock.class) return fixture.lab.clock();
        return fixture.host();
    }

    private static HyperVSimulator settings(ExtensionContext context) {
        return find(context.getTestMethod().orElse(null))
                .or(() -> context.getTestClass().flatMap(HyperVSimulatorExtension::enclosing))
                .orElseThrow(() -> new ExtensionConfigurationException("HyperVSimulatorExtension needs @HyperVSimulator on "
                        + context.getDisplayName() + " or its class"));
    }

    /** The annotation on the class or, for a @Nested class, the nearest enclosing one. */
    private static Optional<HyperVSimulator> enclosing(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            Optional<HyperVSimulator> a = find(k);
            if (a.isPresent()) return a;
        }
        return Optional.empty();
    }

    private static Optional<HyperVSimulator> find(AnnotatedElement e) {
        return e == null ? Optional.empty() : Optional.ofNullable(e.getAnnotation(HyperVSimulator.class));
    }

    /** A test's lab and, once asked for, its host; closed by JUnit when the test ends. */
    private static final class Fixture implements ExtensionContext.Store.CloseableResource {
        final Lab lab;
        final String hostName;
        private HyperVHost host;

        Fixture(HyperVSimulator s) {
            SimClock clock = switch (s.clock()) {
                case VIRTUAL -> SimClock.virtual(Lab.DEFAULT_START);
                case MANUAL -> SimClock.manual(Lab.DEFAULT_START);
                case SCALED -> SimClock.scaled(Lab.DEFAULT_START, s.rate());
            };
            try {
                lab = Lab.fromTemplate(s.template(), s.seed(), clock);
            } catch (IllegalArgumentException e) {
                clock.close();
                throw new ExtensionConfigurationException("@HyperVSimulator: " + e.getMessage(), e);
            }
            hostName = s.host().isEmpty()
                    ? lab.hosts().stream().map(SimHost::name).findFirst()
                            .orElseThrow(() -> new ExtensionConfigurationException("template " + s.template() + " has no hosts"))
                    : s.host();
        }

        synchronized HyperVHost host() {
            if (host == null) {
                try {
                    host = lab.connect(hostName);
                } catch (IllegalArgumentException e) {
                    throw new ExtensionConfigurationException("@HyperVSimulator(host = \"" + hostName + "\"): " + e.getMessage(), e);
                }
            }
            return host;
        }

        @Override
        public synchronized void close() {
            if (host != null) host.close();
            lab.close();
        }
    }
}

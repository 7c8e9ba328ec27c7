package dev.rebound.testsupport;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** What {@link ReboundTest} does around each test. */
public final class ReboundTestExtension implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ReboundTestExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        ReboundTest test = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ReboundTest.class)
                .orElseThrow();
        // and the pauses everywhere of the node registry, which would pause this test's consumers
        List<String> tables = new ArrayList<>(List.of("rebound_dead_letter", "rebound_dedup", "rebound_channel_pause"));
        tables.addAll(List.of(test.tables()));
        Postgres.empty(tables);
        ReboundTest.Profile profile = profile(test.profile());
        Map<String, String> config = new LinkedHashMap<>(profile.config());
        config.putAll(config(test.config()));
        TestConfig.use(config);
        Weld weld = new Weld().disableDiscovery().addBeanClasses(test.beans()).addBeanClasses(ServerResources.class)
                .addBeanClasses(profile.beans().toArray(Class<?>[]::new));
        // Rebound's extensions, found as a server finds them, through META-INF/services; not the others there (as
        // Narayana's, which would add a second TransactionManager bean beside ServerResources')
        ServiceLoader.load(Extension.class).stream().filter(e -> e.type().getName().startsWith("dev.rebound."))
                .forEach(e -> weld.addExtension(e.get()));
        WeldContainer container = weld.initialize();
        context.getStore(NAMESPACE).put(WeldContainer.class, container);
        inject(container.getBeanManager(), context.getRequiredTestInstance());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        WeldContainer container = context.getStore(NAMESPACE).remove(WeldContainer.class, WeldContainer.class);
        if (container != null && container.isRunning()) {
            container.shutdown();
        }
    }

    private static ReboundTest.Profile profile(Class<? extends ReboundTest.Profile> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot make the @ReboundTest profile " + type.getName(), e);
        }
    }

    private static Map<String, String> config(String[] pairs) {
        Map<String, String> config = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("@ReboundTest config wants key=value, not '" + pair + "'");
            }
            config.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return config;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void inject(BeanManager beans, Object instance) {
        InjectionTarget target = beans.getInjectionTargetFactory(beans.createAnnotatedType(instance.getClass()))
                .createInjectionTarget(null);
        CreationalContext<Object> creational = beans.createCreationalContext(null);
        target.inject(instance, creational);
    }
}

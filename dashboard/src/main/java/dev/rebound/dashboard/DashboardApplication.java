package dev.rebound.dashboard;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * Rebound's admin API and page, under {@code /rebound} of the application's context root. Another path is set the
 * standard Jakarta REST way, with a servlet mapping in the application's {@code web.xml} whose servlet name is
 * this class's name. It lists its classes, so it never picks up the application's own resources; everything
 * answers 404 unless {@code rebound.dashboard.enabled=true}.
 */
@ApplicationPath("rebound")
@SecurityScheme(securitySchemeName = "rebound-basic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "Reading needs rebound.dashboard.viewer-role or admin-role; changing needs admin-role")
public class DashboardApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(DashboardResource.class, JsonErrors.class);
    }
}

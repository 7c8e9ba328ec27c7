package dev.rebound.dashboard;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;

/**
 * Who may do what. Reading needs the viewer or the admin role, anything else the admin role; a request without
 * a user is answered 401 with a Basic challenge (the server authenticates the credentials the browser then
 * sends), a user without the role 403. A changing request must also carry the header {@value #MARKER}: a
 * browser sends no custom header across sites without asking the server first (CORS), so another site cannot
 * make an operator's browser replay or delete. Role names are configuration, so they are checked in code
 * rather than with {@code @RolesAllowed}.
 */
final class Access {

    static final String MARKER = "X-Rebound-Request";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final DashboardSettings settings;

    Access(DashboardSettings settings) {
        this.settings = settings;
    }

    /** Returns normally when allowed; otherwise throws the answer to send. */
    void check(SecurityContext security, String method, String marker) {
        if (!settings.enabled()) {
            throw new NotFoundException();
        }
        if (security == null || security.getUserPrincipal() == null) {
            throw refuse(Response.Status.UNAUTHORIZED, DashboardDiagnostics.logIn(),
                    "Basic realm=\"Rebound\"");
        }
        boolean read = READS.contains(method);
        boolean allowed = security.isUserInRole(settings.adminRole())
                || (read && security.isUserInRole(settings.viewerRole()));
        if (!allowed) {
            throw refuse(Response.Status.FORBIDDEN, read
                    ? DashboardDiagnostics.readingNeedsRole(settings.viewerRole(), settings.adminRole())
                    : DashboardDiagnostics.changingNeedsRole(settings.adminRole()), null);
        }
        if (!read && marker == null) {
            throw refuse(Response.Status.FORBIDDEN, DashboardDiagnostics.missingMarker(MARKER), null);
        }
    }

    private static WebApplicationException refuse(Response.Status status, String message, String challenge) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Views.Problem(message));
        if (challenge != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return new WebApplicationException(message, response.build());
    }
}

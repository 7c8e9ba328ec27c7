package dev.rebound.dashboard;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The root of the dashboard: the page, its script and style, and the admin API below {@code api/}. Every way in
 * passes {@link Access} first, so the rules hold however the resource is reached.
 */
@Path("/")
@RequestScoped
public class DashboardResource {

    private static final Map<String, String> ASSETS = Map.of("app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    @Inject
    Dashboard dashboard;

    @Context
    SecurityContext security;

    @Context
    Request request;

    @Context
    UriInfo uri;

    @GET
    @Operation(hidden = true)
    public Response page() {
        dashboard.access().check(security, request.getMethod(), null);
        if (!uri.getRequestUri().getPath().endsWith("/")) {
            // the page's links are relative to the folder
            return Response.seeOther(uri.getRequestUriBuilder().replacePath(uri.getRequestUri().getPath() + "/")
                    .build()).build();
        }
        return asset("index.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("{asset: app\\.(js|css)}")
    @Operation(hidden = true)
    public Response file(@PathParam("asset") String name) {
        dashboard.access().check(security, request.getMethod(), null);
        return asset(name, ASSETS.get(name));
    }

    @Path("api")
    public AdminApi api(@Parameter(description = "Any value; required on every request that changes something (a "
            + "browser does not send a custom header across sites without asking)") @HeaderParam(Access.MARKER)
                        String marker) {
        dashboard.access().check(security, request.getMethod(), marker);
        return new AdminApi(dashboard);
    }

    private static Response asset(String name, String type) {
        try (InputStream in = DashboardResource.class.getResourceAsStream("/META-INF/rebound-dashboard/" + name)) {
            if (in == null) {
                throw new NotFoundException();
            }
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(in.readAllBytes(), type).cacheControl(noStore).build();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read dashboard asset " + name, e);
        }
    }
}

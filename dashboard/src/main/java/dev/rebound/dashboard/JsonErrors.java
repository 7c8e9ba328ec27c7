package dev.rebound.dashboard;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Invalid input (a bad cursor, time or rate) is the caller's mistake: 400 with the message. */
public class JsonErrors implements ExceptionMapper<IllegalArgumentException> {

    @Override
    public Response toResponse(IllegalArgumentException exception) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Views.Problem(exception.getMessage())).build();
    }
}

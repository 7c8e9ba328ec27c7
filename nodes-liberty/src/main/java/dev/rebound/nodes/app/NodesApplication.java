package dev.rebound.nodes.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The suite's control API under {@code /nodes/api}; plain text, so that the test needs no JSON library. */
@ApplicationPath("/api")
public class NodesApplication extends Application {
}

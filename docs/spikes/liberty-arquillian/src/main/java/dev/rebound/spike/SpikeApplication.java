package dev.rebound.spike;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("/api")
public class SpikeApplication extends Application {
}

package dev.rebound.spike.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Unsatisfied injection point: CDI deployment problem (jakarta.enterprise.inject.spi.DeploymentException). */
@ApplicationScoped
public class BrokenBean {
    @Inject
    MissingDependency missing;
}

package dev.rebound.nodes.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The container-managed EntityManager as a CDI bean, for Rebound's dead letter store. */
@ApplicationScoped
public class Persistence {

    @Produces
    @PersistenceContext(unitName = "nodes")
    EntityManager entityManager;
}

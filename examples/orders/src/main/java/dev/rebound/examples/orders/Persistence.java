package dev.rebound.examples.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The container-managed EntityManager as a CDI bean: the handlers use it, and so does Rebound's dead letter. */
@ApplicationScoped
public class Persistence {

    @Produces
    @PersistenceContext(unitName = "orders")
    EntityManager entityManager;
}

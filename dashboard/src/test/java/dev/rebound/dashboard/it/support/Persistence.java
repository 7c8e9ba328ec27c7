package dev.rebound.dashboard.it.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The container-managed EntityManager as a CDI bean, as README's persistence set-up tells applications. */
@ApplicationScoped
public class Persistence {

    @Produces
    @PersistenceContext(unitName = "dashboard")
    EntityManager entityManager;
}

package dev.rebound.testsupport.liberty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * In the server: the container-managed EntityManager as a CDI bean, as README's persistence set-up tells
 * applications. No unit name: a {@link TestWar} has the one persistence unit.
 */
@ApplicationScoped
public class Persistence {

    @Produces
    @PersistenceContext
    EntityManager entityManager;
}

package dev.rebound.spike.it;

import jakarta.enterprise.context.ApplicationScoped;

/** Normal-scoped bean with a public field: CDI definition error (jakarta.enterprise.inject.spi.DefinitionException). */
@ApplicationScoped
public class PublicFieldBean {
    public String oops;
}

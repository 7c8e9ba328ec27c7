package dev.rebound.database.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.sql.DataSource;

/**
 * The Derby data source as a bean {@code @Named("derby")}, for {@code rebound.database.datasource=derby}; its own
 * qualifier keeps it out of {@code @Default} (the server's DataSource is PostgreSQL's).
 */
@ApplicationScoped
public class DerbyResources {

    public static final String NAME = "derby";

    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    public @interface OnDerby {
    }

    @Produces
    @Named(NAME)
    @OnDerby
    DataSource derby() {
        return Derby.dataSource();
    }
}

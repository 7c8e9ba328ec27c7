package dev.rebound.testsupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionManager;
import javax.sql.DataSource;

/** What a Jakarta EE server would give the application: a TransactionManager, an EntityManager, a DataSource. */
@ApplicationScoped
public class ServerResources {

    @Produces
    TransactionManager transactionManager() {
        return Jta.transactionManager();
    }

    @Produces
    EntityManager entityManager() {
        return Jpa.transactionScoped();
    }

    @Produces
    DataSource dataSource() {
        return Jta.dataSource();
    }
}

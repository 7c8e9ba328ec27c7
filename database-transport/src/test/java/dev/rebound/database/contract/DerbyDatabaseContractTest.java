package dev.rebound.database.contract;

/**
 * The transport contract on Derby: the lease path (Derby has no SKIP LOCKED), the dead letter on PostgreSQL in the
 * same JTA transaction (Derby's XA pool beside PostgreSQL's last resource).
 */
class DerbyDatabaseContractTest extends DatabaseContract {

    @Override
    boolean derby() {
        return true;
    }
}

package dev.rebound.database.contract;

/** The transport contract on PostgreSQL: the claim is a SELECT ... FOR UPDATE SKIP LOCKED in the consumer's unit. */
class PostgresDatabaseContractTest extends DatabaseContract {

    @Override
    boolean derby() {
        return false;
    }
}

package dev.rebound.database.contract;

import dev.rebound.contract.TransportContract;
import dev.rebound.database.testing.DatabaseDeployments;
import dev.rebound.database.testing.Tables;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.weld.environment.se.Weld;

/** The transport contract on the database transport; a subclass says on which database. */
abstract class DatabaseContract extends TransportContract {

    /** Whether the channels are on Derby (the lease path), else on PostgreSQL (SKIP LOCKED). */
    abstract boolean derby();

    private DataSource table() {
        return DatabaseDeployments.dataSource(derby());
    }

    @Override
    protected Weld deployment(Map<String, String> config, Class<?>... classes) {
        return DatabaseDeployments.weld(derby(), config, classes);
    }

    @Override
    protected Map<String, String> resendSettings(long firstDelayMs, int maxResends) {
        return Map.of("rebound.database.resend-delay-ms", String.valueOf(firstDelayMs),
                "rebound.database.max-resends", String.valueOf(maxResends));
    }

    @Override
    protected long depth(String channel) {
        return Tables.depth(table(), channel);
    }

    @Override
    protected void sendUnreadable(String channel, String body) {
        Tables.insertForeign(table(), channel, body);
    }

    @Override
    protected void purge(String channel) {
        Tables.execute(table(), "DELETE FROM rebound_message WHERE channel = '" + channel + "'");
    }
}

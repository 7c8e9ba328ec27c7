package dev.rebound.faults.app;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * Gives Narayana's recovery one XAResource of a resource manager (PostgreSQL, Artemis), so that transactions left
 * in doubt by a crash are completed: committed from the transaction log, or rolled back when they were prepared
 * but never logged. The resource is kept while it answers and opened again when it does not (broker or database
 * restarted).
 */
final class Recovery implements XAResourceRecoveryHelper {

    /** An open XA connection: its resource, and how to close it. */
    record Opened(XAResource resource, AutoCloseable connection) {
    }

    private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

    private final String name;
    private final Callable<Opened> open;
    private Opened current;

    Recovery(String name, Callable<Opened> open) {
        this.name = name;
        this.open = open;
    }

    @Override
    public boolean initialise(String parameter) {
        return true;
    }

    @Override
    public synchronized XAResource[] getXAResources() {
        if (current != null && !answers(current.resource())) {
            close();
        }
        if (current == null) {
            try {
                current = open.call();
            } catch (Exception e) {
                LOG.log(Level.INFO, "Recovery cannot reach " + name + " yet: " + e);
                return new XAResource[0];
            }
        }
        return new XAResource[] {current.resource()};
    }

    private static boolean answers(XAResource resource) {
        try {
            resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private void close() {
        try {
            current.connection().close();
        } catch (Exception ignored) {
            // it is broken anyway
        }
        current = null;
    }
}

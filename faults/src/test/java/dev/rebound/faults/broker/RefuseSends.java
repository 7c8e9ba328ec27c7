package dev.rebound.faults.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * The "broker refusing sends" fault: while the flag file exists, a send to one of the addresses fails (a blocking
 * send gets the exception; a transacted one fails its transaction's commit).
 */
public final class RefuseSends implements ActiveMQServerMessagePlugin {

    private final Path flag;
    private final Set<String> addresses;

    RefuseSends(Path flag, Set<String> addresses) {
        this.flag = flag;
        this.addresses = addresses;
    }

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
                           boolean noAutoCreateQueue) throws ActiveMQException {
        String address = message.getAddress();
        if (address != null && addresses.contains(address) && Files.exists(flag)) {
            ActiveMQException refused = new ActiveMQException(ActiveMQExceptionType.ADDRESS_FULL,
                    "FAULTS: the broker refuses sends to " + address);
            // as the broker does when it refuses a send while routing it (address full with the FAIL policy, a
            // missing queue, ...): the transaction the send belongs to can only roll back. A plugin's exception
            // alone is only logged for a transacted send, and the transaction would commit without the message.
            if (tx != null) {
                tx.markAsRollbackOnly(refused);
            }
            throw refused;
        }
    }
}

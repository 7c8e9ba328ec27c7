package dev.rebound.dashboard.health;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whether the broker answers: opens and closes a JMS connection with the connection factory Rebound's consumers
 * use (a CDI bean of that type, else {@code rebound.jms.connection-factory} in JNDI). Its own class, so that an
 * application without JMS never loads JMS types.
 */
public class BrokerProbe {

    private final Instance<ConnectionFactory> beans;

    @Inject
    public BrokerProbe(Instance<ConnectionFactory> beans) {
        this.beans = beans;
    }

    /** {@code null} when a connection could be made, otherwise why not. */
    public String problem() {
        try (JMSContext context = factory().createContext()) {
            context.createProducer(); // a live connection, not just a configured object
            return null;
        } catch (RuntimeException | NamingException e) {
            return e.toString();
        }
    }

    private ConnectionFactory factory() throws NamingException {
        if (beans.isResolvable()) {
            return beans.get();
        }
        String name = ConfigProvider.getConfig().getOptionalValue("rebound.jms.connection-factory", String.class)
                .orElse("java:comp/DefaultJMSConnectionFactory");
        return (ConnectionFactory) new InitialContext().lookup(name);
    }
}

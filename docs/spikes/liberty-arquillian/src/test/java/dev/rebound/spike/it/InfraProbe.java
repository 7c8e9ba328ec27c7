package dev.rebound.spike.it;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** CDI bean deployed in the test WAR; it touches the server's JMS engine and Derby data source. */
@ApplicationScoped
public class InfraProbe {

    @Inject
    @ConfigProperty(name = "probe.greeting")
    String greeting;

    @Resource(lookup = "jms/ReboundCF")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/ReboundQueue")
    Queue queue;

    @Resource(lookup = "jms/ReboundDelayQueue")
    Queue delayQueue;

    @Resource(lookup = "jdbc/ReboundDS")
    DataSource dataSource;

    public String greeting() {
        return greeting;
    }

    // accessors, not fields: the test sees a CDI client proxy, whose own fields are null
    public Queue queue() {
        return queue;
    }

    public Queue delayQueue() {
        return delayQueue;
    }

    public void send(Queue target, String body, long deliveryDelayMs) {
        try (JMSContext ctx = connectionFactory.createContext()) {
            var producer = ctx.createProducer();
            if (deliveryDelayMs > 0) {
                producer.setDeliveryDelay(deliveryDelayMs);
            }
            producer.send(target, body);
        }
    }

    public Message receive(Queue source, long timeoutMs) {
        try (JMSContext ctx = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = ctx.createConsumer(source)) {
            Message m = timeoutMs <= 0 ? consumer.receiveNoWait() : consumer.receive(timeoutMs);
            if (m != null) {
                m.getBody(String.class); // read while the context is open
            }
            return m;
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    public String receiveBody(Queue source, long timeoutMs) {
        try (JMSContext ctx = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = ctx.createConsumer(source)) {
            return timeoutMs <= 0 ? consumer.receiveBodyNoWait(String.class)
                                  : consumer.receiveBody(String.class, timeoutMs);
        }
    }

    public void createTable() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try {
                s.executeUpdate("CREATE TABLE spike_row (id VARCHAR(64) PRIMARY KEY, payload VARCHAR(255))");
            } catch (SQLException e) {
                if (!"X0Y32".equals(e.getSQLState())) { // table already exists
                    throw e;
                }
            }
        }
    }

    public void insert(String id, String payload) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO spike_row (id, payload) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, payload);
            ps.executeUpdate();
        }
    }

    public String find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT payload FROM spike_row WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** One JTA transaction spanning Derby (XA) and the embedded messaging engine. */
    @Transactional
    public void insertAndSend(String id, String payload, boolean fail) throws SQLException {
        insert(id, payload);
        send(queue, payload, 0);
        if (fail) {
            throw new IllegalStateException("forced rollback");
        }
    }
}

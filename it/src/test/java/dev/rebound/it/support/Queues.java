package dev.rebound.it.support;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.Map;

/** Direct access to the messaging engine's queues, beside Rebound: raw sends and browsing. */
@ApplicationScoped
public class Queues {

    @Resource(lookup = "jms/ReboundCF")
    ConnectionFactory connectionFactory;

    /** Puts a text message with string properties on a queue, as some other producer would. */
    public void sendText(String queue, String body, Map<String, String> properties) {
        try (JMSContext context = connectionFactory.createContext()) {
            TextMessage message = context.createTextMessage(body);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            context.createProducer().send(context.createQueue(queue), message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the next text message off the queue, waiting up to a second; {@code null} if there is none. */
    public String receiveText(String queue) {
        try (JMSContext context = connectionFactory.createContext();
             JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            return consumer.receiveBody(String.class, 1000);
        }
    }

    /** How many messages a browser sees on the queue now (messages in a consumer's hands are not counted). */
    public int depth(String queue) {
        try (JMSContext context = connectionFactory.createContext();
             QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            return Collections.list(browser.getEnumeration()).size();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}

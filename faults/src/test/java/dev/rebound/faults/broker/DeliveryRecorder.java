package dev.rebound.faults.broker;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.ICoreMessage;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.reader.TextMessageUtil;

/**
 * Writes one line per delivery of a message to a consumer: {@code <queue> <key> <rebound_attempt> <delivery count>}
 * (the count the consumer sees as {@code JMSXDeliveryCount}), so that a test can compare Rebound's attempt count,
 * which travels in the message, with the broker's delivery count. The key is the job's, read from the text body.
 */
final class DeliveryRecorder implements ActiveMQServerMessagePlugin {

    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    private static final SimpleString ATTEMPT = SimpleString.of("rebound_attempt");

    private final BufferedWriter out;

    DeliveryRecorder(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Override
    public void afterDeliver(ServerConsumer consumer, MessageReference reference) {
        try {
            Message message = reference.getMessage();
            String key = "-";
            if (message instanceof ICoreMessage core && core.getType() == Message.TEXT_TYPE) {
                SimpleString text = TextMessageUtil.readBodyText(core.getReadOnlyBodyBuffer());
                Matcher m = text == null ? null : KEY.matcher(text.toString());
                if (m != null && m.find()) {
                    key = m.group(1);
                }
            }
            Object attempt = message.getObjectProperty(ATTEMPT);
            String line = reference.getQueue().getName() + " " + key + " " + (attempt == null ? "-" : attempt) + " "
                    + reference.getDeliveryCount() + "\n";
            synchronized (out) {
                out.write(line);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("FAULTS-BROKER delivery record: " + e);
        }
    }
}

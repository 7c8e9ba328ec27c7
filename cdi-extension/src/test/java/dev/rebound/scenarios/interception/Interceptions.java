package dev.rebound.scenarios.interception;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.spi.MessageInterceptor;
import dev.rebound.spi.MessageObserver;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Two interceptor beans that write down what they see, in order; the outer one can be told to misbehave. */
public final class Interceptions {

    /** Every call of both interceptors and of the handlers, in order. */
    static final List<String> calls = new CopyOnWriteArrayList<>();

    private Interceptions() {
    }

    static void reset() {
        calls.clear();
        Outer.refuse = false;
        Outer.skip = false;
        Inner.failEvents = false;
        Inner.storing = Storing.AS_ASKED;
    }

    /** What the inner interceptor does with the message it is asked to store as a dead letter. */
    enum Storing { AS_ASKED, NULL, OTHER_ID, THROW }

    /** The message with one metadata entry more. */
    static Message with(Message message, String key, String value) {
        MessageHeaders headers = message.headers();
        Map<String, String> metadata = new HashMap<>(headers.metadata());
        metadata.put(key, value);
        return new Message(message.payload(), new MessageHeaders(headers.messageId(), headers.correlationId(),
                headers.causationId(), headers.timestamp(), headers.routingKey(), metadata));
    }

    /** Declared without @Priority: {@link MessageInterceptor#DEFAULT_PRIORITY}, so inside {@link Outer}. */
    @ApplicationScoped
    public static class Inner implements MessageInterceptor {
        static volatile boolean failEvents;
        static volatile Storing storing = Storing.AS_ASKED;

        @Override
        public Object aroundHandle(Invocation invocation) throws Throwable {
            calls.add("inner " + invocation.entry());
            return invocation.proceed();
        }

        @Override
        public void deadLettered(Message message, String channel, String handler) {
            if (failEvents) {
                throw new IllegalStateException("inner interceptor broken");
            }
            calls.add("inner deadLettered");
        }

        @Override
        public Message deadLettering(Message message, String channel, String handler) {
            calls.add("inner deadLettering " + message.headers().metadata().get("stamped-by"));
            return switch (storing) {
                case AS_ASKED -> with(message, "seen-by", "inner");
                case NULL -> null;
                case OTHER_ID -> new Message(message.payload(), MessageHeaders.causedBy(message.headers(),
                        message.headers().timestamp(), null, Map.of("seen-by", "inner")));
                case THROW -> throw new IllegalStateException("inner interceptor cannot store");
            };
        }
    }

    @ApplicationScoped
    @Priority(10)
    public static class Outer implements MessageInterceptor {
        static volatile boolean refuse;
        static volatile boolean skip;

        @Override
        public Object aroundHandle(Invocation invocation) throws Throwable {
            calls.add("outer " + invocation.entry() + " " + invocation.handler().replaceAll(".*#", "") + " attempt "
                    + invocation.attempt() + " " + invocation.message().payload().getClass().getSimpleName());
            if (refuse) {
                throw new SecurityException("refused by the outer interceptor");
            }
            if (skip) {
                return null;
            }
            try {
                return invocation.proceed();
            } finally {
                calls.add("outer done");
            }
        }

        @Override
        public void retried(Message message, String channel, String handler, MessageObserver.Retry retry) {
            calls.add("outer retried " + retry);
        }

        @Override
        public Message deadLettering(Message message, String channel, String handler) {
            calls.add("outer deadLettering");
            return with(message, "stamped-by", "outer");
        }

        @Override
        public void deadLettered(Message message, String channel, String handler) {
            calls.add("outer deadLettered " + message.payload().getClass().getSimpleName() + " "
                    + message.headers().metadata().get("seen-by"));
        }

        @Override
        public void replayed(Message message, String channel, String handler, boolean handled) {
            calls.add("outer replayed " + handled);
        }
    }
}

package dev.rebound.pipeline;

import dev.rebound.Message;
import dev.rebound.spi.MessageInterceptor;
import dev.rebound.spi.MessageObserver;
import java.util.List;

/**
 * The {@link MessageObserver}s as one interceptor, innermost: it times the handler call and tells every observer.
 * An observer that throws is logged and never changes the message's fate (unlike an interceptor's
 * {@code aroundHandle}, whose failure is the handler's).
 */
final class ObservingInterceptor implements MessageInterceptor {

    private final MessageObserver[] observers;

    ObservingInterceptor(List<MessageObserver> observers) {
        this.observers = observers.toArray(MessageObserver[]::new);
    }

    @Override
    public Object aroundHandle(Invocation invocation) throws Throwable {
        long start = System.nanoTime();
        Object result;
        try {
            result = invocation.proceed();
        } catch (Throwable failure) {
            long nanos = System.nanoTime() - start;
            for (MessageObserver observer : observers) {
                try {
                    observer.failed(invocation.channel(), invocation.handler(), failure, nanos);
                } catch (RuntimeException | LinkageError e) {
                    Interceptors.failed(observer, e);
                }
            }
            throw failure;
        }
        long nanos = System.nanoTime() - start;
        for (MessageObserver observer : observers) {
            try {
                observer.handled(invocation.channel(), invocation.handler(), nanos);
            } catch (RuntimeException | LinkageError e) {
                Interceptors.failed(observer, e);
            }
        }
        return result;
    }

    @Override
    public void retried(Message message, String channel, String handler, MessageObserver.Retry retry) {
        for (MessageObserver observer : observers) {
            try {
                observer.retried(channel, handler, retry);
            } catch (RuntimeException | LinkageError e) {
                Interceptors.failed(observer, e);
            }
        }
    }

    @Override
    public void deadLettered(Message message, String channel, String handler) {
        for (MessageObserver observer : observers) {
            try {
                observer.deadLettered(channel, handler);
            } catch (RuntimeException | LinkageError e) {
                Interceptors.failed(observer, e);
            }
        }
    }

    @Override
    public void replayed(Message message, String channel, String handler, boolean handled) {
        for (MessageObserver observer : observers) {
            try {
                observer.replayed(channel, handler, handled);
            } catch (RuntimeException | LinkageError e) {
                Interceptors.failed(observer, e);
            }
        }
    }
}

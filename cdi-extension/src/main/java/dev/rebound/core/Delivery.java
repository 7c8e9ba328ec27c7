package dev.rebound.core;

import dev.rebound.Message;

/**
 * One message on its way through a {@link Pipeline}: the message, where it goes, and what happened so
 * far. Created per call and confined to the calling thread.
 */
public final class Delivery {

    private final Message message;
    private final Route route;
    private final String origin;
    private final HandlerMethod target;
    private int attempts = 1;
    private HandlerMethod currentHandler;

    public Delivery(Message message, Route route, String origin) {
        this(message, route, origin, null);
    }

    /** A delivery to one given handler only, as a replay of a dead letter is. */
    public Delivery(Message message, Route route, String origin, HandlerMethod target) {
        this(message, route, origin, target, 1);
    }

    /** A delivery that continues earlier attempts, as one taken off a queue does. */
    public Delivery(Message message, Route route, String origin, HandlerMethod target, int attempts) {
        this.message = message;
        this.route = route;
        this.origin = origin;
        this.target = target;
        this.attempts = attempts;
    }

    public Message message() {
        return message;
    }

    public Route route() {
        return route;
    }

    public String origin() {
        return origin;
    }

    /** The one handler this delivery is meant for, or {@code null} to route it. */
    public HandlerMethod target() {
        return target;
    }

    public int attempts() {
        return attempts;
    }

    public void nextAttempt() {
        attempts++;
    }

    /** The handler running (or that failed) most recently, or {@code null} if none was reached. */
    public HandlerMethod currentHandler() {
        return currentHandler;
    }

    public void enter(HandlerMethod handler) {
        this.currentHandler = handler;
    }
}

package dev.rebound.jms.scenarios.resolution;

import dev.rebound.Asynchronous;
import dev.rebound.ErrorChannel;
import dev.rebound.ErrorMessage;
import dev.rebound.EventHandler;
import dev.rebound.InternalHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Three failing handlers whose failures are resolved at three levels. */
@ApplicationScoped
public class Handlers {

    public record Happened(String id) {
    }

    private final List<String> routed = new CopyOnWriteArrayList<>();

    @Asynchronous("alpha")
    @ErrorChannel("handlerErrors")
    @EventHandler
    public void ownChannel(Happened event) {
        throw new IllegalStateException("own");
    }

    @Asynchronous("alpha")
    @EventHandler
    public void consumerChannel(Happened event) {
        throw new IllegalStateException("consumer");
    }

    @Asynchronous("beta")
    @EventHandler
    public void globalChannel(Happened event) {
        throw new IllegalStateException("global");
    }

    @InternalHandler("handlerErrors")
    public void handlerErrors(ErrorMessage error) {
        routed.add("handlerErrors <- " + error.failure().exceptionMessage());
    }

    @InternalHandler("consumerErrors")
    public void consumerErrors(ErrorMessage error) {
        routed.add("consumerErrors <- " + error.failure().exceptionMessage());
    }

    @InternalHandler("globalErrors")
    public void globalErrors(ErrorMessage error) {
        routed.add("globalErrors <- " + error.failure().exceptionMessage());
    }

    public List<String> routed() {
        return routed;
    }
}

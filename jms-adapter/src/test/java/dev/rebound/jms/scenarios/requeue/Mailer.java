package dev.rebound.jms.scenarios.requeue;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Mails letters asynchronously; the mail server is down until healed; counts each letter's successful runs. */
@ApplicationScoped
public class Mailer {

    public record Mail(String id) {
    }

    private final Map<String, AtomicInteger> mailed = new ConcurrentHashMap<>();
    private volatile boolean down = true;

    @Asynchronous("requeue-mail")
    @ErrorChannel(Channels.DEAD_LETTER)
    @CommandHandler
    public void mail(Mail mail) {
        if (down) {
            throw new IllegalStateException("mail server down for " + mail.id());
        }
        mailed.computeIfAbsent(mail.id(), k -> new AtomicInteger()).incrementAndGet();
    }

    public void heal() {
        down = false;
    }

    public int mailed(String id) {
        AtomicInteger count = mailed.get(id);
        return count == null ? 0 : count.get();
    }

    public int total() {
        return mailed.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}

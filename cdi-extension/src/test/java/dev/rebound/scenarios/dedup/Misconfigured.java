package dev.rebound.scenarios.dedup;

import dev.rebound.BusinessMethod;
import dev.rebound.CommandHandler;
import dev.rebound.Deduplicated;
import dev.rebound.Header;
import dev.rebound.MessageGateway;
import dev.rebound.QueryHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** One mistake each: deployment must fail, naming it. */
public final class Misconfigured {

    private Misconfigured() {
    }

    public record Pay(String id) {
    }

    public record Price(String id) {
    }

    @ApplicationScoped
    public static class TwoHeaders {
        @CommandHandler
        @Deduplicated(value = "orderId", header = "paymentId")
        public void pay(Pay pay) {
        }
    }

    @ApplicationScoped
    public static class BlankHeader {
        @CommandHandler
        @Deduplicated(header = "  ")
        public void pay(Pay pay) {
        }
    }

    @ApplicationScoped
    public static class HeaderAndExpression {
        @CommandHandler
        @Deduplicated(header = "orderId", expression = "payload.id")
        public void pay(Pay pay) {
        }
    }

    @ApplicationScoped
    public static class BadExpression {
        @CommandHandler
        @Deduplicated(expression = "payload.id +* ")
        public void pay(Pay pay) {
        }
    }

    @ApplicationScoped
    public static class OnAQuery {
        @QueryHandler
        @Deduplicated
        public String price(Price price) {
            return "1";
        }
    }

    @ApplicationScoped
    public static class Plain {
        @CommandHandler
        @Deduplicated
        public void pay(Pay pay) {
        }
    }

    @MessageGateway
    public interface NotTransactional {
        @Deduplicated("orderId")
        @BusinessMethod("pay")
        void pay(Pay pay, @Header("orderId") String orderId);
    }

    @MessageGateway
    public interface NoKey {
        @Transactional
        @Deduplicated
        @BusinessMethod("pay")
        void pay(Pay pay);
    }

    @MessageGateway
    public interface HeaderNotGiven {
        @Transactional
        @Deduplicated("orderId")
        @BusinessMethod("pay")
        void pay(Pay pay, @Header("paymentId") String paymentId);
    }

    @MessageGateway
    public interface PrimitiveResult {
        @Transactional
        @Deduplicated("orderId")
        @BusinessMethod("pay")
        int pay(Pay pay, @Header("orderId") String orderId);
    }
}

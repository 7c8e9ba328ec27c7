package dev.rebound.scenarios.errorchannel;

public record ChargeCard(String cardId, long cents) {
}

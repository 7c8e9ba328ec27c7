package dev.rebound.scenarios.errorchannel;

import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;

@ErrorChannel("paymentErrors")
public interface PaymentBus extends CommandBus {
}

package dev.rebound.jms.scenarios.atomicity;

import dev.rebound.testsupport.XaResourceStub;
import javax.transaction.xa.XAException;
import javax.transaction.xa.Xid;

/** A resource manager that votes yes, then decides on its own to roll back: a heuristic outcome. */
final class HeuristicResource extends XaResourceStub {

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        throw new XAException(XAException.XA_HEURRB);
    }
}

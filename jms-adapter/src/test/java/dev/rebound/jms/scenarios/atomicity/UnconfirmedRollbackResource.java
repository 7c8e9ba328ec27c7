package dev.rebound.jms.scenarios.atomicity;

import dev.rebound.testsupport.XaResourceStub;
import javax.transaction.xa.XAException;
import javax.transaction.xa.Xid;

/**
 * A resource manager that went away while preparing (a remote messaging engine killed under a commit, as in the
 * two-node Liberty suite): its prepare and its rollback fail with {@code XAER_RMFAIL}. Nothing of its branch can
 * have committed.
 */
final class UnconfirmedRollbackResource extends XaResourceStub {

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        throw new XAException(XAException.XAER_RMFAIL);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        throw new XAException(XAException.XAER_RMFAIL);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        throw new XAException(XAException.XAER_RMFAIL);
    }
}

package dev.rebound.testsupport;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A resource manager of a test, to enlist beside the real ones: it votes yes, commits and rolls back without doing
 * anything and has nothing to recover; a test overrides what its scenario needs (a commit that fails, waits or
 * records).
 */
public abstract class XaResourceStub implements XAResource {

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return XA_OK;
    }

    @Override
    public void rollback(Xid xid) throws XAException {
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
    }

    @Override
    public void forget(Xid xid) throws XAException {
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return false;
    }
}

package dev.rebound.jms;

import dev.rebound.ReboundException;

/** The commit of a consumer's unit of work failed; the cause says why (e.g. a constraint checked at commit). */
final class UnitCommitException extends ReboundException {

    private static final long serialVersionUID = 1L;

    UnitCommitException(Throwable cause) {
        super(JmsDiagnostics.commitFailed(cause), cause);
    }
}

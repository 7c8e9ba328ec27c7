-- Rebound schema version 6 for Oracle Database: the claim of a dead letter by a bulk replay, so that several nodes replaying
-- the same dead letters take disjoint batches. claimed_by is the claim's owner (node, bulk replay and batch: unique
-- per claim, so it is the claim's epoch too), claimed_until its lease (epoch milliseconds) and claim_epoch how many
-- times the row was claimed (each claim adds 1). A row is free when claimed_until is null or past; a replay removes
-- a claimed row only while its owner still holds it, so a node whose lease expired and was taken over cannot
-- commit. All three are null on rows written before (free, epoch 0).
ALTER TABLE rebound_dead_letter ADD (claimed_by VARCHAR2(200 CHAR), claim_epoch NUMBER(19), claimed_until NUMBER(19));

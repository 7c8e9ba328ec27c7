-- the tests' own table beside Rebound's, created by dev.rebound.testsupport.Postgres (gateway scenarios write orders)
CREATE TABLE IF NOT EXISTS orders (id VARCHAR(36) PRIMARY KEY, product VARCHAR(100));
CREATE TABLE IF NOT EXISTS rebound_test_counter (id VARCHAR(36) PRIMARY KEY, counted BIGINT NOT NULL, version BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS replay_effect (parcel VARCHAR(100) NOT NULL);

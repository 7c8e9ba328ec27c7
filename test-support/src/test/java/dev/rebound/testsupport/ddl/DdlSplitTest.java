package dev.rebound.testsupport.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.testsupport.Ddl;
import org.junit.jupiter.api.Test;

/** The DDL runner's splitting: what the Liberty suites run statement by statement on Derby. */
class DdlSplitTest {

    @Test
    void multi_line_statements_are_split_at_semicolons_and_comment_lines_dropped() {
        String script = """
                -- Rebound's dead letter table
                CREATE TABLE t (
                    id VARCHAR(36) NOT NULL, -- the message id
                    body CLOB
                );
                   -- an indented comment line
                CREATE INDEX t_id ON t (id);

                """;

        assertThat(Ddl.split(script)).containsExactly(
                "CREATE TABLE t (\n    id VARCHAR(36) NOT NULL, -- the message id\n    body CLOB\n)",
                "CREATE INDEX t_id ON t (id)");
    }

    @Test
    void a_dollar_quoted_function_body_is_one_statement_with_its_semicolons() {
        assertThat(Ddl.split("CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  RETURN NULL;\nEND\n$$;\nDROP TABLE t;"))
                .containsExactly("CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  RETURN NULL;\nEND\n$$",
                        "DROP TABLE t");
    }

    @Test
    void a_missing_script_is_named_with_the_likely_cause() {
        assertThatThrownBy(() -> Ddl.statements("db/rebound/none.sql"))
                .hasMessageContaining("DDL script db/rebound/none.sql is not on the class path")
                .hasMessageContaining("is rebound-cdi-extension on it?");
    }
}

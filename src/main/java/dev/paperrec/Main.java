package dev.paperrec;

import dev.paperrec.common.db.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: starts an embedded PostgreSQL when no datasource URL is configured, then Quarkus.
 * The database has to be up before Quarkus reads its configuration, hence a custom main.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        EmbeddedDatabase embedded = EmbeddedDatabase.startIfNoDatasourceConfigured();
        try {
            Quarkus.run(args);
        } finally {
            if (embedded != null) {
                embedded.closeAfterApplication();
            }
        }
    }
}

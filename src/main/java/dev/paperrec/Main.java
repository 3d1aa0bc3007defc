package dev.paperrec;

import dev.paperrec.common.config.LaunchSettings;
import dev.paperrec.common.db.EmbeddedDatabase;
import dev.paperrec.demo.DemoMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: settles demo mode, starts an embedded PostgreSQL when no datasource URL is configured, then Quarkus.
 * Both have to be settled before Quarkus reads its configuration, hence a custom main.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        try {
            DemoMode.apply(LaunchSettings::get);
        } catch (IllegalStateException refused) {
            // Log records are held until Quarkus sets up logging, and that never comes: straight to stderr.
            System.err.println("ERROR " + refused.getMessage());
            System.exit(1);
        }
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

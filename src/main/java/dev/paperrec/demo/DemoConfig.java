package dev.paperrec.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo catalogue loaded into an empty database. */
@ConfigMapping(prefix = "paperrec.demo")
public interface DemoConfig {

    /**
     * Load the demo papers and events when the catalogue is empty. The launcher turns this on when it starts the
     * embedded database and the operator has not set it; otherwise it stays off.
     */
    @WithDefault("false")
    boolean enabled();
}

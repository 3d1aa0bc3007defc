package dev.paperrec.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo mode ({@link DemoMode}): the demo catalogue loaded into an empty database. */
@ConfigMapping(prefix = "paperrec.demo")
public interface DemoConfig {

    /**
     * Demo mode: load the demo papers and events when the catalogue is empty and, without configured keys, accept the
     * demo key on loopback. Only ever on when set explicitly.
     */
    @WithDefault("false")
    boolean enabled();

    /** Refuse to start when demo mode is switched on; the container image sets it. */
    @WithDefault("false")
    boolean forbidden();
}

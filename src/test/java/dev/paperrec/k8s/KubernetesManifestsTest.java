package dev.paperrec.k8s;

import dev.paperrec.testsupport.RequiredTools;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Renders every overlay under {@code k8s/overlays} with {@code kubectl kustomize} and holds the result to
 * {@link ManifestRules}. The nested tests show that each rule catches the defect in its fixture under
 * {@code src/test/resources/k8s-broken/} and passes the correct {@code k8s/valid-app.yaml}.
 *
 * <p>The system property {@code k8s.root} points the overlay checks at another kustomize tree, for
 * example a copy with a deliberate defect: {@code ./mvnw test -Dtest=KubernetesManifestsTest -Dk8s.root=/path/k8s}.
 */
class KubernetesManifestsTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path OVERLAYS = PROJECT.resolve(System.getProperty("k8s.root", "k8s")).resolve("overlays");
    private static final ApplicationFacts FACTS = ApplicationFacts.load(PROJECT);

    @TestFactory
    Stream<DynamicNode> shouldRenderOverlaysThatPassEveryRule() throws IOException {
        RequiredTools.require(KubernetesManifests.kubectlAvailable(),
                "kubectl is not installed, so the overlays are not rendered or checked here; "
                        + "install kubectl 1.27+ (kustomize v5) and run again, or run .ci/k8s-validate");
        List<Path> overlays;
        try (Stream<Path> entries = Files.list(OVERLAYS)) {
            overlays = entries.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted().toList();
        }
        assertThat(overlays).extracting(dir -> dir.getFileName().toString()).contains("dev", "prod");
        return overlays.stream().map(overlay -> {
            Supplier<Rendered> rendered = memoize(() -> Rendered.of(overlay));
            Stream<DynamicNode> parse = Stream.of(dynamicTest("renders and parses strictly",
                    () -> assertThat(rendered.get().objects()).isNotEmpty()));
            Stream<DynamicNode> rules = ManifestRules.ALL.stream().map(rule -> dynamicTest(rule.name(), () -> {
                assumeTrue(rendered.get().failure() == null,
                        "overlay did not render or parse, see 'renders and parses strictly'");
                assertThat(rule.apply(FACTS, rendered.get().objects())).as(rule.name()).isEmpty();
            }));
            return dynamicContainer(overlay.getFileName().toString(), Stream.concat(parse, rules));
        });
    }

    @Test
    void shouldRunOneReplicaWithItsOwnDatabaseInDev() {
        List<HasMetadata> dev = renderOverlay("dev");
        assertThat(single(dev, Deployment.class).getSpec().getReplicas()).isEqualTo(1);
        StatefulSet postgres = single(dev, StatefulSet.class);
        assertThat(postgres.getSpec().getVolumeClaimTemplates()).hasSize(1);
        assertThat(dev).filteredOn(o -> o instanceof Service).extracting(o -> o.getMetadata().getName())
                .contains(postgres.getSpec().getServiceName());
        assertThat(dev).filteredOn(o -> o instanceof Secret).extracting(o -> o.getMetadata().getName())
                .anyMatch(name -> name.startsWith("paper-recommender-db-"))
                .anyMatch(name -> name.startsWith("paper-recommender-api-keys-"));
    }

    @Test
    void shouldTriggerDigestsFromACronJobAndUseOperatorSecretsInProd() {
        List<HasMetadata> prod = renderOverlay("prod");
        assertThat(single(prod, Deployment.class).getSpec().getReplicas()).isEqualTo(3);
        assertThat(single(prod, HorizontalPodAutoscaler.class).getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(single(prod, ConfigMap.class).getData()).containsEntry("PAPERREC_DIGEST_SCHEDULER_ENABLED", "false");
        assertThat(prod).noneMatch(o -> o instanceof Secret);
        var trigger = single(prod, CronJob.class).getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(String.join(" ", trigger.getArgs()))
                .contains("POST", "Authorization: Bearer", "/api/v1/admin/digests/run");
        assertThat(trigger.getEnv()).anyMatch(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null);
    }

    @Test
    void shouldRunEveryRuleCleanOnTheValidFixture() {
        List<HasMetadata> objects = KubernetesManifests.parse(resource("k8s/valid-app.yaml"));
        for (ManifestRules.Rule rule : ManifestRules.ALL) {
            assertThat(rule.apply(FACTS, objects)).as(rule.name()).isEmpty();
        }
    }

    @Nested
    class BrokenManifests {

        @Test
        void shouldRejectUnknownField() {
            assertThatThrownBy(() -> broken("unknown-field.yaml"))
                    .isInstanceOf(KubernetesManifests.InvalidManifestException.class)
                    .hasMessageContaining("Deployment/app")
                    .hasMessageContaining("imagePullPolicyy");
        }

        @Test
        void shouldRejectWrongType() {
            assertThatThrownBy(() -> broken("wrong-type.yaml"))
                    .isInstanceOf(KubernetesManifests.InvalidManifestException.class)
                    .hasMessageContaining("Deployment/app")
                    .hasMessageContaining("replicas");
        }

        @Test
        void shouldRejectUnknownKind() {
            assertThatThrownBy(() -> broken("unknown-kind.yaml"))
                    .isInstanceOf(KubernetesManifests.InvalidManifestException.class)
                    .hasMessageContaining("unknown kind apps/v1/Deploymnet");
        }

        @Test
        void shouldReportSelectorsThatMissThePodLabels() {
            assertThat(ManifestRules.SELECTORS.apply(FACTS, broken("selectors.yaml"))).containsExactlyInAnyOrder(
                    "Deployment/app: spec.selector {app.kubernetes.io/name=api} does not match its pod template labels {app.kubernetes.io/name=app}",
                    "Deployment/app: topologySpreadConstraint on kubernetes.io/hostname selects {app.kubernetes.io/name=other}, not its own pods {app.kubernetes.io/name=app}",
                    "Service/app: spec.selector {app.kubernetes.io/name=ap} matches no pod template",
                    "Service/app-wrong-port: port 8080 targets web, which no selected container declares",
                    "PodDisruptionBudget/app: spec.selector {app.kubernetes.io/name=api} matches no pod template",
                    "NetworkPolicy/app: spec.podSelector {} [LabelSelectorRequirement(key=app.kubernetes.io/name, operator=In, values=[api], additionalProperties={})] matches no pod template",
                    "HorizontalPodAutoscaler/app: spec.scaleTargetRef Deployment/paper-recommender is not a workload in these manifests");
        }

        @Test
        void shouldReportProbesAndScrapesOnEndpointsTheApplicationDoesNotServe() {
            assertThat(ManifestRules.ENDPOINTS.apply(FACTS, broken("endpoints.yaml"))).containsExactlyInAnyOrder(
                    "Deployment/app container app: startupProbe path /health/started is not served (health endpoints: [/q/health, /q/health/live, /q/health/ready, /q/health/started])",
                    "Deployment/app container app: livenessProbe port admin (9000) is not the HTTP port 8080",
                    "Deployment/app container app: has no readinessProbe",
                    "Deployment/app: prometheus.io/port 9000 is not the HTTP port 8080",
                    "Deployment/app: prometheus.io/path /metrics is not the metrics endpoint /q/metrics");
        }

        @Test
        void shouldReportEnvironmentVariablesThatAreNoConfigurationKeys() {
            assertThat(ManifestRules.ENVIRONMENT.apply(FACTS, broken("environment.yaml"))).containsExactlyInAnyOrder(
                    "Deployment/app container app: env QUARKUS_HTTPS_PORT is not a configuration key",
                    "Deployment/app container app: env PAPERREC_RECOMMEND_TOP_N is not a configuration key",
                    "Deployment/app container app: env DATABASE_URL (from ConfigMap app-config) is not a configuration key",
                    "Deployment/app container app: envFrom ConfigMap not-rendered is not in these manifests");
        }

        @Test
        void shouldReportContainersWithoutRequestsOrLimits() {
            assertThat(ManifestRules.RESOURCES.apply(FACTS, broken("resources.yaml"))).containsExactlyInAnyOrder(
                    "StatefulSet/db container init: no cpu request",
                    "StatefulSet/db container init: no cpu limit",
                    "StatefulSet/db container init: no memory request",
                    "StatefulSet/db container init: no memory limit",
                    "StatefulSet/db container db: no cpu limit",
                    "StatefulSet/db container db: no memory limit",
                    "StatefulSet/db container exporter: no cpu request");
        }

        @Test
        void shouldReportContainersThatAreNotHardened() {
            assertThat(ManifestRules.HARDENING.apply(FACTS, broken("hardening.yaml"))).containsExactlyInAnyOrder(
                    "CronJob/trigger: automountServiceAccountToken is not false",
                    "CronJob/trigger container trigger: runAsNonRoot is not true",
                    "CronJob/trigger container trigger: runs as uid 0",
                    "CronJob/trigger container trigger: allowPrivilegeEscalation is not false",
                    "CronJob/trigger container trigger: readOnlyRootFilesystem is not true",
                    "CronJob/trigger container trigger: capabilities do not drop ALL",
                    "CronJob/trigger container trigger: seccompProfile is not RuntimeDefault",
                    "Deployment/app container app: runAsUser is 1000, not the image user 185");
        }

        @Test
        void shouldReportGracePeriodShorterThanShutdown() {
            assertThat(ManifestRules.SHUTDOWN.apply(FACTS, broken("shutdown.yaml"))).containsExactly(
                    "Deployment/app: terminationGracePeriodSeconds 30 does not exceed quarkus.shutdown.timeout 25 s + preStop sleep 5 s");
        }

        @Test
        void shouldReportMissingDatasourceUrlAndDemoData() {
            assertThat(ManifestRules.SETTINGS.apply(FACTS, broken("settings.yaml"))).containsExactly(
                    "Deployment/app container app: QUARKUS_DATASOURCE_JDBC_URL is not set, the pod would start an embedded PostgreSQL",
                    "Deployment/app container app: PAPERREC_DEMO_ENABLED is true, not false");
        }

        private List<HasMetadata> broken(String name) {
            return KubernetesManifests.parse(resource("k8s-broken/" + name));
        }
    }

    @Nested
    class ConfigurationKeysFromSources {

        private final ConfigurationKeys keys = ConfigurationKeys.load(
                PROJECT.resolve("src/main/resources/application.properties"),
                PROJECT.resolve("src/test/resources/k8s/config-mapping"),
                PROJECT.resolve("src/test/resources/k8s/allowed-env.txt"));

        @Test
        void shouldKnowPropertiesOfConfigMappingInterfaces() {
            assertThat(Stream.of(
                    "PAPERREC_DIGEST_SCHEDULER_ENABLED",
                    "PAPERREC_DIGEST_PAPERS_PER_DIGEST",
                    "PAPERREC_DIGEST_SENDER_REPLY_TO",
                    "PAPERREC_DIGEST_SENDER_PAUSE",
                    "PAPERREC_DIGEST_CHANNELS__WEEKLY__HASH",
                    "PAPERREC_DIGEST_CHANNELS_WEEKLY_HASH")).allMatch(keys::isKnown);
        }

        @Test
        void shouldRejectNamesNoMappingDeclares() {
            assertThat(Stream.of(
                    "PAPERREC_DIGEST_SIZE",
                    "PAPERREC_DIGEST_ENABLED",
                    "PAPERREC_DIGEST_SENDER",
                    "PAPERREC_DIGEST_CHANNELS__WEEKLY__SECRET")).noneMatch(keys::isKnown);
        }

        @Test
        void shouldKnowApplicationPropertiesQuarkusPrefixesAndAllowList() {
            assertThat(Stream.of(
                    "QUARKUS_FLYWAY_MIGRATE_AT_START",
                    "QUARKUS_HTTP_TEST_PORT",
                    "QUARKUS_LOG_CATEGORY__ORG_FLYWAYDB__LEVEL",
                    "QUARKUS_MAILER_START_TLS",
                    "QUARKUS_SHUTDOWN_TIMEOUT",
                    "JAVA_OPTS_APPEND")).allMatch(keys::isKnown);
            assertThat(keys.isKnown("QUARKUS_FLYWAY_CLEAN_AT_START")).isFalse();
        }
    }

    private static List<HasMetadata> renderOverlay(String name) {
        RequiredTools.require(KubernetesManifests.kubectlAvailable(),
                "kubectl is not installed, so the overlays are not rendered here");
        return KubernetesManifests.parse(KubernetesManifests.render(OVERLAYS.resolve(name)));
    }

    private static <T extends HasMetadata> T single(List<HasMetadata> objects, Class<T> type) {
        List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as(type.getSimpleName()).hasSize(1);
        return matching.get(0);
    }

    /** One overlay, rendered and parsed once for all its checks; a failure is kept for the first check to report. */
    private record Rendered(List<HasMetadata> objects, RuntimeException failure) {
        static Rendered of(Path overlay) {
            try {
                return new Rendered(KubernetesManifests.parse(KubernetesManifests.render(overlay)), null);
            } catch (RuntimeException e) {
                return new Rendered(List.of(), e);
            }
        }

        @Override
        public List<HasMetadata> objects() {
            if (failure != null) {
                throw failure;
            }
            return objects;
        }
    }

    private static String resource(String name) {
        try {
            return Files.readString(PROJECT.resolve("src/test/resources").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}

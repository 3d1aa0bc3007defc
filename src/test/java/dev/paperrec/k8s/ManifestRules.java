package dev.paperrec.k8s;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks on rendered manifests that a schema cannot express: labels that must line up, endpoints the
 * application really serves, configuration it really reads, and the operational hardening every pod needs.
 * Each rule returns its violations as readable lines; an empty list means the manifests pass.
 */
final class ManifestRules {

    /** A named check over a whole rendered overlay. */
    record Rule(String name, BiFunction<ApplicationFacts, List<HasMetadata>, List<String>> check) {
        List<String> apply(ApplicationFacts facts, List<HasMetadata> objects) {
            return check.apply(facts, objects);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Rule SELECTORS = new Rule("selectors match pod labels", (facts, objects) -> selectors(objects));
    static final Rule ENDPOINTS = new Rule("probes and metrics use served endpoints", ManifestRules::endpoints);
    static final Rule ENVIRONMENT = new Rule("env vars are configuration keys", ManifestRules::environment);
    static final Rule RESOURCES = new Rule("containers have cpu/memory requests and limits", (facts, objects) -> resources(objects));
    static final Rule HARDENING = new Rule("pods and containers are hardened", ManifestRules::hardening);
    static final Rule SHUTDOWN = new Rule("grace period covers the shutdown timeout", ManifestRules::gracefulShutdown);

    static final Rule SETTINGS = new Rule("external database and no demo data", ManifestRules::settings);

    static final List<Rule> ALL = List.of(SELECTORS, ENDPOINTS, ENVIRONMENT, RESOURCES, HARDENING, SHUTDOWN, SETTINGS);

    /** The image's non-root user (ubi9 openjdk runtime images run as 185). */
    static final long APP_USER = 185;

    private static final Pattern SLEEP = Pattern.compile("\\bsleep\\s+(\\d+)");

    private ManifestRules() {
    }

    static List<String> selectors(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        List<Workload> workloads = Workload.in(objects);
        for (Workload workload : workloads) {
            Map<String, String> labels = workload.podLabels();
            if (workload.selector() != null) {
                if (isEmpty(workload.selector())) {
                    violations.add(workload.describe() + ": spec.selector is empty");
                } else if (!matches(workload.selector(), labels)) {
                    violations.add(workload.describe() + ": spec.selector " + describe(workload.selector())
                            + " does not match its pod template labels " + labels);
                }
            }
            for (TopologySpreadConstraint spread : nullSafe(workload.pod().getTopologySpreadConstraints())) {
                if (spread.getLabelSelector() != null && !matches(spread.getLabelSelector(), labels)) {
                    violations.add(workload.describe() + ": topologySpreadConstraint on " + spread.getTopologyKey()
                            + " selects " + describe(spread.getLabelSelector()) + ", not its own pods " + labels);
                }
            }
        }
        for (HasMetadata object : objects) {
            String name = object.getKind() + "/" + object.getMetadata().getName();
            if (object instanceof Service service) {
                violations.addAll(serviceSelector(name, service, workloads));
            } else if (object instanceof PodDisruptionBudget pdb) {
                LabelSelector selector = pdb.getSpec().getSelector();
                if (selector == null || isEmpty(selector)) {
                    violations.add(name + ": spec.selector is empty");
                } else if (workloads.stream().filter(w -> w.selector() != null).noneMatch(w -> matches(selector, w.podLabels()))) {
                    violations.add(name + ": spec.selector " + describe(selector) + " matches no pod template");
                }
            } else if (object instanceof NetworkPolicy policy) {
                LabelSelector selector = policy.getSpec().getPodSelector();
                if (selector != null && !isEmpty(selector)
                        && workloads.stream().noneMatch(w -> matches(selector, w.podLabels()))) {
                    violations.add(name + ": spec.podSelector " + describe(selector) + " matches no pod template");
                }
            } else if (object instanceof HorizontalPodAutoscaler hpa) {
                CrossVersionObjectReference target = hpa.getSpec().getScaleTargetRef();
                boolean found = workloads.stream().anyMatch(w -> w.selector() != null
                        && w.kind().equals(target.getKind()) && w.name().equals(target.getName()));
                if (!found) {
                    violations.add(name + ": spec.scaleTargetRef " + target.getKind() + "/" + target.getName()
                            + " is not a workload in these manifests");
                }
            }
        }
        return violations;
    }

    private static List<String> serviceSelector(String name, Service service, List<Workload> workloads) {
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        List<Workload> selected = workloads.stream()
                .filter(w -> w.podLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
        if (selected.isEmpty()) {
            return List.of(name + ": spec.selector " + selector + " matches no pod template");
        }
        List<String> violations = new ArrayList<>();
        for (ServicePort port : nullSafe(service.getSpec().getPorts())) {
            IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
            boolean served = selected.stream()
                    .flatMap(w -> w.allContainers().stream())
                    .flatMap(c -> nullSafe(c.getPorts()).stream())
                    .anyMatch(p -> target.getStrVal() != null
                            ? target.getStrVal().equals(p.getName())
                            : Objects.equals(target.getIntVal(), p.getContainerPort()));
            if (!served) {
                violations.add(name + ": port " + port.getPort() + " targets " + text(target)
                        + ", which no selected container declares");
            }
        }
        return violations;
    }

    static List<String> endpoints(ApplicationFacts facts, List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (Workload workload : appWorkloads(objects)) {
            for (Container container : appContainers(workload)) {
                String where = workload.describe() + " container " + container.getName();
                boolean exposesHttp = nullSafe(container.getPorts()).stream()
                        .anyMatch(p -> Objects.equals(p.getContainerPort(), facts.httpPort()));
                if (!exposesHttp) {
                    violations.add(where + ": does not declare containerPort " + facts.httpPort());
                }
                Map<String, Probe> probes = new LinkedHashMap<>();
                probes.put("startupProbe", container.getStartupProbe());
                probes.put("livenessProbe", container.getLivenessProbe());
                probes.put("readinessProbe", container.getReadinessProbe());
                probes.forEach((kind, probe) -> violations.addAll(probe(where, kind, probe, container, facts)));
            }
            Map<String, String> annotations = workload.podAnnotations();
            if ("true".equals(annotations.get("prometheus.io/scrape"))) {
                String port = annotations.get("prometheus.io/port");
                String path = annotations.get("prometheus.io/path");
                if (!String.valueOf(facts.httpPort()).equals(port)) {
                    violations.add(workload.describe() + ": prometheus.io/port " + port + " is not the HTTP port "
                            + facts.httpPort());
                }
                if (!facts.metricsPath().equals(path)) {
                    violations.add(workload.describe() + ": prometheus.io/path " + path + " is not the metrics endpoint "
                            + facts.metricsPath());
                }
            }
        }
        return violations;
    }

    private static List<String> probe(String where, String kind, Probe probe, Container container, ApplicationFacts facts) {
        if (probe == null) {
            return List.of(where + ": has no " + kind);
        }
        if (probe.getHttpGet() == null) {
            return List.of(where + ": " + kind + " is not an HTTP GET on the health endpoints");
        }
        List<String> violations = new ArrayList<>();
        String path = probe.getHttpGet().getPath();
        if (!facts.healthPaths().contains(path)) {
            violations.add(where + ": " + kind + " path " + path + " is not served (health endpoints: "
                    + new TreeSet<>(facts.healthPaths()) + ")");
        }
        IntOrString port = probe.getHttpGet().getPort();
        Optional<Integer> resolved = resolvePort(port, container);
        if (resolved.isEmpty()) {
            violations.add(where + ": " + kind + " port " + text(port) + " is not a declared container port");
        } else if (resolved.get() != facts.httpPort()) {
            violations.add(where + ": " + kind + " port " + text(port) + " (" + resolved.get()
                    + ") is not the HTTP port " + facts.httpPort());
        }
        return violations;
    }

    static List<String> environment(ApplicationFacts facts, List<HasMetadata> objects) {
        Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (HasMetadata object : objects) {
            if (object instanceof ConfigMap configMap) {
                configMaps.put(configMap.getMetadata().getName(), configMap);
            } else if (object instanceof Secret secret) {
                secrets.put(secret.getMetadata().getName(), secret);
            }
        }
        List<String> violations = new ArrayList<>();
        for (Workload workload : appWorkloads(objects)) {
            for (Container container : appContainers(workload)) {
                String where = workload.describe() + " container " + container.getName();
                for (EnvVar env : nullSafe(container.getEnv())) {
                    if (!facts.keys().isKnown(env.getName())) {
                        violations.add(where + ": env " + env.getName() + " is not a configuration key");
                    }
                }
                for (EnvFromSource source : nullSafe(container.getEnvFrom())) {
                    String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                    if (source.getConfigMapRef() != null) {
                        String name = source.getConfigMapRef().getName();
                        ConfigMap configMap = configMaps.get(name);
                        if (configMap == null) {
                            if (!Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                                violations.add(where + ": envFrom ConfigMap " + name + " is not in these manifests");
                            }
                            continue;
                        }
                        for (String key : keys(configMap.getData(), configMap.getBinaryData())) {
                            if (!facts.keys().isKnown(prefix + key)) {
                                violations.add(where + ": env " + prefix + key + " (from ConfigMap " + name
                                        + ") is not a configuration key");
                            }
                        }
                    }
                    if (source.getSecretRef() != null) {
                        // a Secret the operator provides is not rendered; only rendered ones can be checked
                        Secret secret = secrets.get(source.getSecretRef().getName());
                        if (secret != null) {
                            for (String key : keys(secret.getData(), secret.getStringData())) {
                                if (!facts.keys().isKnown(prefix + key)) {
                                    violations.add(where + ": env " + prefix + key + " (from Secret "
                                            + secret.getMetadata().getName() + ") is not a configuration key");
                                }
                            }
                        }
                    }
                }
            }
        }
        return violations;
    }

    static List<String> resources(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (Workload workload : Workload.in(objects)) {
            for (Container container : workload.allContainers()) {
                ResourceRequirements resources = container.getResources();
                Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
                Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
                for (String resource : List.of("cpu", "memory")) {
                    if (requests == null || !requests.containsKey(resource)) {
                        violations.add(workload.describe() + " container " + container.getName() + ": no " + resource + " request");
                    }
                    if (limits == null || !limits.containsKey(resource)) {
                        violations.add(workload.describe() + " container " + container.getName() + ": no " + resource + " limit");
                    }
                }
            }
        }
        return violations;
    }

    static List<String> hardening(ApplicationFacts facts, List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (Workload workload : Workload.in(objects)) {
            PodSecurityContext pod = Optional.ofNullable(workload.pod().getSecurityContext()).orElseGet(PodSecurityContext::new);
            if (Boolean.TRUE.equals(workload.pod().getHostNetwork()) || Boolean.TRUE.equals(workload.pod().getHostPID())
                    || Boolean.TRUE.equals(workload.pod().getHostIPC())) {
                violations.add(workload.describe() + ": shares a host namespace");
            }
            if (!Boolean.FALSE.equals(workload.pod().getAutomountServiceAccountToken())) {
                violations.add(workload.describe() + ": automountServiceAccountToken is not false");
            }
            for (Container container : workload.allContainers()) {
                String where = workload.describe() + " container " + container.getName();
                SecurityContext own = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
                Boolean runAsNonRoot = own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : pod.getRunAsNonRoot();
                Long runAsUser = own.getRunAsUser() != null ? own.getRunAsUser() : pod.getRunAsUser();
                SeccompProfile seccomp = own.getSeccompProfile() != null ? own.getSeccompProfile() : pod.getSeccompProfile();
                if (!Boolean.TRUE.equals(runAsNonRoot)) {
                    violations.add(where + ": runAsNonRoot is not true");
                }
                if (runAsUser != null && runAsUser == 0) {
                    violations.add(where + ": runs as uid 0");
                }
                if (isApp(container) && !Objects.equals(runAsUser, APP_USER)) {
                    violations.add(where + ": runAsUser is " + runAsUser + ", not the image user " + APP_USER);
                }
                if (!Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
                    violations.add(where + ": allowPrivilegeEscalation is not false");
                }
                if (Boolean.TRUE.equals(own.getPrivileged())) {
                    violations.add(where + ": is privileged");
                }
                if (!Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
                    violations.add(where + ": readOnlyRootFilesystem is not true");
                }
                Capabilities capabilities = own.getCapabilities();
                if (capabilities == null || !nullSafe(capabilities.getDrop()).contains("ALL")) {
                    violations.add(where + ": capabilities do not drop ALL");
                } else if (!nullSafe(capabilities.getAdd()).isEmpty()) {
                    violations.add(where + ": adds capabilities " + capabilities.getAdd());
                }
                if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
                    violations.add(where + ": seccompProfile is not RuntimeDefault");
                }
            }
        }
        return violations;
    }

    static List<String> gracefulShutdown(ApplicationFacts facts, List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        long shutdown = facts.shutdownTimeout().toSeconds();
        for (Workload workload : appWorkloads(objects)) {
            long grace = Optional.ofNullable(workload.pod().getTerminationGracePeriodSeconds()).orElse(30L);
            long preStop = appContainers(workload).stream().mapToLong(ManifestRules::preStopSleepSeconds).max().orElse(0);
            if (grace <= shutdown + preStop) {
                violations.add(workload.describe() + ": terminationGracePeriodSeconds " + grace
                        + " does not exceed quarkus.shutdown.timeout " + shutdown + " s + preStop sleep " + preStop + " s");
            }
        }
        return violations;
    }

    /**
     * Settings every cluster needs: a datasource URL (without one the service starts an embedded PostgreSQL
     * inside the pod) and the demo data switched off.
     */
    static List<String> settings(ApplicationFacts facts, List<HasMetadata> objects) {
        Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
        for (HasMetadata object : objects) {
            if (object instanceof ConfigMap configMap) {
                configMaps.put(configMap.getMetadata().getName(), configMap);
            }
        }
        List<String> violations = new ArrayList<>();
        for (Workload workload : appWorkloads(objects)) {
            for (Container container : appContainers(workload)) {
                Map<String, String> environment = new LinkedHashMap<>();
                for (EnvFromSource source : nullSafe(container.getEnvFrom())) {
                    ConfigMap configMap = source.getConfigMapRef() == null ? null : configMaps.get(source.getConfigMapRef().getName());
                    if (configMap != null && configMap.getData() != null) {
                        String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                        configMap.getData().forEach((key, value) -> environment.put(prefix + key, value));
                    }
                }
                for (EnvVar env : nullSafe(container.getEnv())) {
                    environment.put(env.getName(), env.getValueFrom() != null ? "<from " + text(env) + ">" : env.getValue());
                }
                String where = workload.describe() + " container " + container.getName();
                if (environment.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "").isBlank()) {
                    violations.add(where + ": QUARKUS_DATASOURCE_JDBC_URL is not set, the pod would start an embedded PostgreSQL");
                }
                if (!"false".equals(environment.get("PAPERREC_DEMO_ENABLED"))) {
                    violations.add(where + ": PAPERREC_DEMO_ENABLED is " + environment.get("PAPERREC_DEMO_ENABLED")
                            + ", not false");
                }
            }
        }
        return violations;
    }

    private static String text(EnvVar env) {
        var from = env.getValueFrom();
        if (from.getSecretKeyRef() != null) {
            return "Secret " + from.getSecretKeyRef().getName() + "/" + from.getSecretKeyRef().getKey();
        }
        if (from.getConfigMapKeyRef() != null) {
            return "ConfigMap " + from.getConfigMapKeyRef().getName() + "/" + from.getConfigMapKeyRef().getKey();
        }
        return "a field reference";
    }

    /** Seconds a preStop hook sleeps before the container gets SIGTERM; they count against the grace period. */
    static long preStopSleepSeconds(Container container) {
        if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
            return 0;
        }
        var preStop = container.getLifecycle().getPreStop();
        if (preStop.getSleep() != null && preStop.getSleep().getSeconds() != null) {
            return preStop.getSleep().getSeconds();
        }
        if (preStop.getExec() != null && preStop.getExec().getCommand() != null) {
            Matcher sleep = SLEEP.matcher(String.join(" ", preStop.getExec().getCommand()));
            return sleep.find() ? Long.parseLong(sleep.group(1)) : 0;
        }
        return 0;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> required = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        if (!labels.entrySet().containsAll(required.entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : nullSafe(selector.getMatchExpressions())) {
            String value = labels.get(requirement.getKey());
            List<String> values = nullSafe(requirement.getValues());
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isApp(Container container) {
        String image = container.getImage() == null ? "" : container.getImage().replaceFirst("@.*", "");
        String lastSegment = image.substring(image.lastIndexOf('/') + 1).replaceFirst(":.*", "");
        return ApplicationFacts.IMAGE_NAME.equals(lastSegment);
    }

    private static List<Workload> appWorkloads(List<HasMetadata> objects) {
        return Workload.in(objects).stream().filter(w -> w.allContainers().stream().anyMatch(ManifestRules::isApp)).toList();
    }

    private static List<Container> appContainers(Workload workload) {
        return workload.allContainers().stream().filter(ManifestRules::isApp).toList();
    }

    private static Optional<Integer> resolvePort(IntOrString port, Container container) {
        if (port == null) {
            return Optional.empty();
        }
        if (port.getStrVal() == null) {
            return Optional.ofNullable(port.getIntVal());
        }
        return nullSafe(container.getPorts()).stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
    }

    private static boolean isEmpty(LabelSelector selector) {
        return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && nullSafe(selector.getMatchExpressions()).isEmpty();
    }

    private static String describe(LabelSelector selector) {
        String labels = selector.getMatchLabels() == null ? "{}" : selector.getMatchLabels().toString();
        return nullSafe(selector.getMatchExpressions()).isEmpty() ? labels : labels + " " + selector.getMatchExpressions();
    }

    private static String text(IntOrString value) {
        return value == null ? "<none>" : value.getStrVal() != null ? value.getStrVal() : String.valueOf(value.getIntVal());
    }

    private static Set<String> keys(Map<String, String> first, Map<String, String> second) {
        Set<String> keys = new TreeSet<>();
        if (first != null) {
            keys.addAll(first.keySet());
        }
        if (second != null) {
            keys.addAll(second.keySet());
        }
        return keys;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}

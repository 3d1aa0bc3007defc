package dev.paperrec.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An object that runs pods, reduced to what the checks look at: its pod template and, for controllers
 * that have one, its label selector.
 */
record Workload(String kind, String name, PodTemplateSpec template, LabelSelector selector) {

    static Optional<Workload> of(HasMetadata object) {
        String name = object.getMetadata().getName();
        if (object instanceof Deployment d) {
            return Optional.of(new Workload("Deployment", name, d.getSpec().getTemplate(), d.getSpec().getSelector()));
        }
        if (object instanceof StatefulSet s) {
            return Optional.of(new Workload("StatefulSet", name, s.getSpec().getTemplate(), s.getSpec().getSelector()));
        }
        if (object instanceof DaemonSet d) {
            return Optional.of(new Workload("DaemonSet", name, d.getSpec().getTemplate(), d.getSpec().getSelector()));
        }
        if (object instanceof Job j) {
            return Optional.of(new Workload("Job", name, j.getSpec().getTemplate(), null));
        }
        if (object instanceof CronJob c) {
            return Optional.of(new Workload("CronJob", name, c.getSpec().getJobTemplate().getSpec().getTemplate(), null));
        }
        return Optional.empty();
    }

    static List<Workload> in(List<HasMetadata> objects) {
        return objects.stream().map(Workload::of).flatMap(Optional::stream).toList();
    }

    PodSpec pod() {
        return template.getSpec();
    }

    Map<String, String> podLabels() {
        Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    Map<String, String> podAnnotations() {
        Map<String, String> annotations = template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    /** Init containers first, then the main containers. */
    List<Container> allContainers() {
        List<Container> all = new ArrayList<>();
        Stream.of(pod().getInitContainers(), pod().getContainers())
                .filter(list -> list != null)
                .forEach(all::addAll);
        return all;
    }

    String describe() {
        return kind + "/" + name;
    }
}

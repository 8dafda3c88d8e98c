package main

import data.lib.kubernetes

deny contains msg if {
	kubernetes.is_workload
	not input.spec.template.spec.securityContext.runAsNonRoot
	msg := sprintf("%s %s: containers must not run as root", [input.kind, kubernetes.name])
}

deny_privileged contains msg if {
	some container in kubernetes.containers
	container.securityContext.privileged
	msg := sprintf("%s %s: container %s is privileged", [input.kind, kubernetes.name, container.name])
}

violation_latest contains {"msg": msg, "image": container.image} if {
	some container in kubernetes.containers
	unpinned(container.image)
	msg := concat("", ["container ", container.name, " of ", kubernetes.name, " uses ", container.image, ", which is not pinned"])
}

unpinned(image) if not contains(image, ":")

unpinned(image) if endswith(image, ":latest")

warn_readiness contains msg if {
	some container in input.spec.template.spec.containers
	not container.readinessProbe
	msg := sprintf("%s %s: container %s has no readiness probe", [input.kind, kubernetes.name, container.name])
}

warn_replicas contains msg if {
	input.kind == "Deployment"
	input.spec.replicas < 2
	msg := sprintf("Deployment %s runs %d replica", [kubernetes.name, input.spec.replicas])
}

warn contains {"msg": msg, "severity": "info"} if {
	not kubernetes.labels.team
	msg := concat("", [input.kind, " ", kubernetes.name, " has no team label"])
}

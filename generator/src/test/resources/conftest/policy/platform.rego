package main

# METADATA
# title: Bounded autoscaling
# description: An HPA that may add many replicas can exhaust the cluster's capacity.
warn_autoscaling_max contains msg if {
	input.kind == "HorizontalPodAutoscaler"
	input.spec.maxReplicas > 50
	msg := sprintf("HorizontalPodAutoscaler %s may scale to %d replicas", [input.metadata.name, input.spec.maxReplicas])
}

violation_automount contains {"msg": msg, "fix": "automountServiceAccountToken: false"} if {
	input.kind == "ServiceAccount"
	input.automountServiceAccountToken == true
	msg := concat("", ["ServiceAccount ", input.metadata.name, " mounts its token into every pod"])
}

# METADATA
# title: Autoscaler settings (HPA, VPA)
# description: |
#   What one HorizontalPodAutoscaler or VerticalPodAutoscaler must say by itself. Checks
#   against the workload it scales are in treum.cross.autoscaling.
package treum.resource.autoscaling

import data.treum.lib.env
import data.treum.lib.result

# METADATA
# scope: document
# title: Production HPAs keep a pod in every availability zone
# description: |
#   With fewer replicas than zones, a zone outage takes the whole service down until
#   new pods schedule elsewhere. TREUM's regions have three zones (parameter `zones`).
# custom:
#   id: TREUM-HPA-003
#   severity: error
#   remediation: >-
#     Set minReplicas to at least the number of availability zones (3).
#   waivable: true
deny_min_below_zones contains result.resource_rule("TREUM-HPA-003", "error", msg) if {
	input.kind == "HorizontalPodAutoscaler"
	env.is_production
	min_replicas(input) < env.zones
	msg := concat("", [
		"minReplicas ", format_int(min_replicas(input), 10),
		" is below the number of availability zones (", format_int(env.zones, 10), ")",
	])
}

min_replicas(hpa) := object.get(hpa, ["spec", "minReplicas"], 1)

# METADATA
# scope: document
# title: HPAs can scale
# description: An HPA whose maxReplicas is not above minReplicas never adds a pod; it only hides a fixed replica count.
# custom:
#   id: TREUM-HPA-004
#   severity: error
#   remediation: >-
#     Set maxReplicas above minReplicas, or remove the HPA and set replicas.
#   waivable: true
deny_cannot_scale contains result.resource_rule("TREUM-HPA-004", "error", msg) if {
	input.kind == "HorizontalPodAutoscaler"
	input.spec.maxReplicas <= min_replicas(input)
	msg := concat("", [
		"maxReplicas ", format_int(input.spec.maxReplicas, 10),
		" is not above minReplicas ", format_int(min_replicas(input), 10),
	])
}

# METADATA
# scope: document
# title: No HPA in a standby environment
# description: |
#   The DR region runs a fixed, warm share of production (parameter `capacityFactor`).
#   An HPA there would scale the standby on replication and health-check noise, and
#   failover capacity is added deliberately, not by metrics.
# custom:
#   id: TREUM-HPA-007
#   severity: error
#   remediation: >-
#     Remove the HPA from the standby overlay and set replicas (treum environment .autoscaling(false)).
#   waivable: true
deny_standby_hpa contains result.resource_rule("TREUM-HPA-007", "error", msg) if {
	input.kind == "HorizontalPodAutoscaler"
	env.is_standby
	msg := concat("", ["standby environment ", env.name, " must not autoscale"])
}

# METADATA
# scope: document
# title: VPAs bound what they may set
# description: A VPA without maxAllowed for CPU and memory can grow a pod past any node and leave it Pending.
# custom:
#   id: TREUM-VPA-004
#   severity: warning
#   remediation: >-
#     Set resourcePolicy.containerPolicies[].maxAllowed.cpu and .memory.
#   waivable: true
warn_vpa_unbounded contains result.resource_rule("TREUM-VPA-004", "warning", msg) if {
	input.kind == "VerticalPodAutoscaler"
	some resource in ["cpu", "memory"]
	not bounded(input, resource)
	msg := concat("", ["no container policy bounds ", resource, " (maxAllowed)"])
}

bounded(vpa, resource) if {
	some policy in object.get(vpa, ["spec", "resourcePolicy", "containerPolicies"], [])
	policy.maxAllowed[resource]
}

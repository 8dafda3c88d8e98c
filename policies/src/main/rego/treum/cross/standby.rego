# METADATA
# title: Standby (DR) environments against their primary (REL)
# description: |
#   Cross-environment rules. TREUM's DR region (ap-southeast-1) is a hot standby of the
#   primary (ap-south-1): every workload runs there too, at a fixed share of the
#   primary's smallest scale (parameter `capacityFactor`, default 0.3), without HPAs.
#   Workloads are matched across environments by namespace, kind and name.
package treum.cross.standby

import data.treum.lib.env
import data.treum.lib.index
import data.treum.lib.k8s
import data.treum.lib.result

# The primary this standby environment mirrors.
primary := env.environment_named(env.primary_of_standby) if env.is_standby

# The primary's scalable workloads and HPAs, as positions in its objects by key (see
# treum.lib.index for why positions and why the complete-rule alias).
primary_workloads := _primary_workloads

_primary_workloads[index.key(obj)] contains i if {
	some i, obj in primary.objects
	k8s.is_scalable(obj)
}

primary_hpas := _primary_hpas

_primary_hpas[index.hpa_target_key(obj)] contains i if {
	some i, obj in primary.objects
	obj.kind == "HorizontalPodAutoscaler"
}

# The primary's smallest scale of a workload: its HPAs' minReplicas, else spec.replicas.
primary_min_pods(workload) := min({object.get(primary.objects[i], ["spec", "minReplicas"], 1) |
	some i in primary_hpas[index.key(workload)]
})

primary_min_pods(workload) := object.get(workload, ["spec", "replicas"], 1) if not primary_hpas[index.key(workload)]

# METADATA
# scope: document
# title: Standby replicas are the agreed share of the primary
# description: |
#   The warm standby runs capacityFactor x the primary's smallest scale (at least one pod),
#   so failover starts with known capacity. Far fewer and failover overloads; far more and
#   the DR region costs like a second primary.
# custom:
#   id: TREUM-REL-002
#   severity: warning
#   remediation: >-
#     Set replicas to the capacity factor times the primary's minimum, rounded (treum environment .capacityFactor(0.3) with env.scale(n)).
#   waivable: true
warn_standby_replicas contains result.cross_rule("TREUM-REL-002", "warning", msg, workload) if {
	some workload in index.scalable
	some i in primary_workloads[index.key(workload)]
	counterpart := primary.objects[i]
	base := primary_min_pods(counterpart)
	expected := env.capacity_factor * base
	replicas := object.get(workload, ["spec", "replicas"], 1)
	not close_to(replicas, expected)
	msg := concat("", [
		"runs ", format_int(replicas, 10), " replicas; ", format_int(env.capacity_factor * 100, 10),
		"% of the primary's minimum of ", format_int(base, 10), " is ", format_int(round(expected), 10),
	])
}

# Within rounding of the expected count (1 when the share is below one pod), never zero.
close_to(replicas, expected) if {
	replicas >= 1
	abs(replicas - expected) < 1
}

# METADATA
# scope: document
# title: Every primary workload has a standby
# description: |
#   A workload that runs only in the primary is lost on failover. Checked in the primary:
#   each standby environment that mirrors it must contain the workload.
# custom:
#   id: TREUM-REL-003
#   severity: error
#   remediation: >-
#     Add the workload to the standby environment (treum: return it from workloads(env) for every environment), or waive it with a reason.
#   waivable: true
deny_missing_in_standby contains result.cross_rule("TREUM-REL-003", "error", msg, workload) if {
	not env.is_standby
	some standby in env.environments
	object.get(standby, "role", "primary") == "standby"
	mirrors(standby) == env.name
	some workload in index.scalable
	not exists_in(standby, workload)
	msg := concat("", ["has no counterpart in standby environment ", standby.name])
}

mirrors(standby) := standby.parameters.primary

mirrors(standby) := env.only_primary if not standby.parameters.primary

# The keys of every environment's objects, by environment name.
keys_by_environment := _keys_by_environment

_keys_by_environment[e.name] contains index.key(obj) if {
	some e in env.environments
	some obj in e.objects
}

exists_in(environment, workload) if index.key(workload) in keys_by_environment[environment.name]

# METADATA
# title: Disruption budgets and spread (PDB, AZ)
# description: |
#   Node drains (upgrades, spot interruptions, consolidation) and zone outages must leave
#   replicated workloads serving. "Replicated" means two or more pods at the workload's
#   smallest scale: the HPA's minReplicas when an HPA scales it, else spec.replicas.
package treum.cross.disruption

import data.treum.lib.index
import data.treum.lib.k8s
import data.treum.lib.result

# METADATA
# scope: document
# title: Replicated workloads have a PodDisruptionBudget
# description: Without a PDB a node drain may evict every replica at once.
# custom:
#   id: TREUM-PDB-001
#   severity: error
#   remediation: >-
#     Add a PodDisruptionBudget (maxUnavailable 1) selecting the workload's pods; treum renders one for replicated workloads.
#   waivable: true
deny_pdb_missing contains result.cross_rule("TREUM-PDB-001", "error", msg, workload) if {
	some workload in index.scalable
	index.replicated(workload)
	count(index.pdbs_of(workload)) == 0
	msg := concat("", ["runs ", format_int(index.min_pods(workload), 10), " or more pods but no PodDisruptionBudget selects them"])
}

# METADATA
# scope: document
# title: PodDisruptionBudgets still allow a disruption
# description: |
#   A PDB that allows zero evictions at the workload's smallest scale blocks every node
#   drain: cluster upgrades stall and spot or consolidation drains time out.
# custom:
#   id: TREUM-PDB-002
#   severity: error
#   remediation: >-
#     Use maxUnavailable 1 (or minAvailable below the smallest replica count).
#   waivable: true
deny_pdb_blocks_disruption contains result.cross_rule("TREUM-PDB-002", "error", msg, pdb) if {
	some workload in index.scalable
	pods := index.min_pods(workload)
	some i in index.pdbs_of(workload)
	pdb := index.objects[i]
	allowed := disruptions_allowed(pdb.spec, pods)
	allowed < 1
	msg := concat("", [
		"allows no voluntary disruption of ", k8s.describe(workload),
		" at its smallest scale of ", format_int(pods, 10), " pods",
	])
}

# Evictions a PDB allows when `pods` pods are healthy (Kubernetes rounds percentages up).
disruptions_allowed(spec, pods) := scaled(spec.maxUnavailable, pods)

disruptions_allowed(spec, pods) := pods - scaled(spec.minAvailable, pods) if not spec.maxUnavailable

scaled(value, _) := value if is_number(value)

scaled(value, pods) := ceil((to_number(trim_suffix(value, "%")) * pods) / 100) if {
	is_string(value)
	endswith(value, "%")
}

# METADATA
# scope: document
# title: PodDisruptionBudgets select pods
# description: A PDB that selects no workload's pods protects nothing; usually its selector drifted from the pod labels.
# custom:
#   id: TREUM-PDB-003
#   severity: warning
#   remediation: >-
#     Make spec.selector match the workload's pod template labels (app.kubernetes.io/name), or delete the PDB.
#   waivable: true
warn_pdb_selects_nothing contains result.cross_rule("TREUM-PDB-003", "warning", msg, pdb) if {
	some pdb in index.pdbs
	not index.protects_a_workload(pdb)
	msg := "selects the pods of no workload in its namespace"
}

zone_keys := {"topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"}

# METADATA
# scope: document
# title: Replicated workloads spread over availability zones
# description: |
#   Without a zone constraint the scheduler may place every replica in one zone, and that
#   zone's outage takes the service down. TREUM's regions have three zones.
# custom:
#   id: TREUM-AZ-001
#   severity: error
#   remediation: >-
#     Add a topologySpreadConstraint on topology.kubernetes.io/zone (maxSkew 1) selecting the workload's pods; treum renders one.
#   waivable: true
deny_zone_spread contains result.cross_rule("TREUM-AZ-001", "error", msg, workload) if {
	some workload in index.scalable
	index.replicated(workload)
	not spread_over(workload, zone_keys)
	msg := "replicas are not spread over availability zones (topology.kubernetes.io/zone)"
}

# METADATA
# scope: document
# title: Replicated workloads spread over nodes
# description: Replicas that share a node go down together when that node is drained or its spot instance is reclaimed.
# custom:
#   id: TREUM-AZ-002
#   severity: info
#   remediation: >-
#     Add a topologySpreadConstraint (or preferred pod anti-affinity) on kubernetes.io/hostname.
#   waivable: true
warn_host_spread contains result.cross_rule("TREUM-AZ-002", "info", msg, workload) if {
	some workload in index.scalable
	index.replicated(workload)
	not spread_over(workload, {"kubernetes.io/hostname"})
	msg := "replicas are not spread over nodes (kubernetes.io/hostname)"
}

# Whether a pod template spreads its pods over a topology key: a spread constraint, or pod
# anti-affinity (required or preferred).
spread_over(workload, keys) if {
	some constraint in object.get(k8s.pod_spec(workload), "topologySpreadConstraints", [])
	constraint.topologyKey in keys
}

spread_over(workload, keys) if {
	some term in object.get(k8s.pod_spec(workload), ["affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution"], [])
	term.topologyKey in keys
}

spread_over(workload, keys) if {
	some weighted in object.get(k8s.pod_spec(workload), ["affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution"], [])
	weighted.podAffinityTerm.topologyKey in keys
}

# METADATA
# title: Indexes over the environment's objects
# description: |
#   Lookups for the cross-resource rules, built once per evaluation (cross-resource rules
#   run outside the gate's `with input as …`, so these rules stay memoised), so that no rule
#   scans the environment once per object.
#
#   Two costs shape this package. Sets and object keys are hashed, so indexes hold
#   positions in data.treum.environment.objects, never whole objects. And OPA's topdown
#   evaluator (server mode) re-evaluates a multi-value rule for every key it is asked for,
#   so each index is a multi-value rule (`_x[key] contains position`, duplicates collect
#   instead of conflicting) read through a complete rule (`x := _x`) that is evaluated once.
package treum.lib.index

import data.treum.lib.env
import data.treum.lib.k8s

objects := env.objects

# Key of an object: [namespace, kind, name].
key(obj) := [k8s.namespace(obj), obj.kind, k8s.name(obj)]

# Key of what an autoscaler (HPA scaleTargetRef, VPA targetRef) points at, in its own namespace.
target_key(autoscaler, ref) := [k8s.namespace(autoscaler), ref.kind, ref.name]

hpa_target_key(hpa) := target_key(hpa, hpa.spec.scaleTargetRef)

vpa_target_key(vpa) := target_key(vpa, vpa.spec.targetRef)

# Objects by kind, in the order of the environment.
hpas := [obj | some obj in objects; obj.kind == "HorizontalPodAutoscaler"]

vpas := [obj | some obj in objects; obj.kind == "VerticalPodAutoscaler"]

pdbs := [obj | some obj in objects; obj.kind == "PodDisruptionBudget"]

# Workloads whose pod count is spec.replicas.
scalable := [obj | some obj in objects; k8s.is_scalable(obj)]

# Positions of the objects with a key.
positions := _positions

_positions[key(obj)] contains i if some i, obj in objects

# Positions of the HPAs and VPAs by the key of the workload they point at.
hpas_by_target := _hpas_by_target

_hpas_by_target[hpa_target_key(obj)] contains i if {
	some i, obj in objects
	obj.kind == "HorizontalPodAutoscaler"
}

vpas_by_target := _vpas_by_target

_vpas_by_target[vpa_target_key(obj)] contains i if {
	some i, obj in objects
	obj.kind == "VerticalPodAutoscaler"
}

# Positions of the PDBs by [namespace, label, value] for each of their matchLabels, and by
# namespace for the PDBs without matchLabels (which the rules test one by one).
pdbs_by_label := _pdbs_by_label

_pdbs_by_label[[k8s.namespace(obj), label, value]] contains i if {
	some i, obj in objects
	obj.kind == "PodDisruptionBudget"
	some label, value in object.get(obj, ["spec", "selector", "matchLabels"], {})
}

pdbs_without_labels := _pdbs_without_labels

_pdbs_without_labels[k8s.namespace(obj)] contains i if {
	some i, obj in objects
	obj.kind == "PodDisruptionBudget"
	count(object.get(obj, ["spec", "selector", "matchLabels"], {})) == 0
}

# Positions of the workloads by [namespace, label, value] of each of their pod labels.
workloads_by_pod_label := _workloads_by_pod_label

_workloads_by_pod_label[[k8s.namespace(obj), label, value]] contains i if {
	some i, obj in objects
	k8s.is_workload(obj)
	some label, value in k8s.pod_labels(obj)
}

exists(k) if positions[k]

# The objects with a key (normally one).
lookup(k) := [objects[i] | some i in positions[k]]

# The HPAs that scale the workload with a key, and those that scale a workload.
hpas_at(k) := [objects[i] | some i in hpas_by_target[k]]

hpas_of(workload) := hpas_at(key(workload))

hpa_managed(workload) if hpas_by_target[key(workload)]

# The fewest pods a scalable workload runs: the smallest HPA minReplicas when an HPA scales
# it, else spec.replicas (default 1).
min_pods(workload) := min({object.get(hpa, ["spec", "minReplicas"], 1) | some hpa in hpas_of(workload)}) if {
	hpa_managed(workload)
}

min_pods(workload) := object.get(workload, ["spec", "replicas"], 1) if {
	not hpa_managed(workload)
}

# Runs two or more pods even at its smallest.
replicated(workload) if min_pods(workload) >= 2

# The PDBs (positions) that select a workload's pods.
pdbs_of(workload) := {i |
	some i in pdb_candidates(workload)
	k8s.selects(objects[i].spec.selector, k8s.pod_labels(workload))
}

pdb_candidates(workload) := {i | some i in pdbs_without_labels[k8s.namespace(workload)]} | {i |
	some label, value in k8s.pod_labels(workload)
	some i in pdbs_by_label[[k8s.namespace(workload), label, value]]
}

# Whether a PDB selects the pods of at least one workload of its namespace.
protects_a_workload(pdb) if {
	labels := object.get(pdb, ["spec", "selector", "matchLabels"], {})
	count(labels) > 0
	some label, value in labels
	some i in workloads_by_pod_label[[k8s.namespace(pdb), label, value]]
	k8s.selects(pdb.spec.selector, k8s.pod_labels(objects[i]))
}

protects_a_workload(pdb) if {
	count(object.get(pdb, ["spec", "selector", "matchLabels"], {})) == 0
	some obj in objects
	k8s.namespace(obj) == k8s.namespace(pdb)
	k8s.is_workload(obj)
	k8s.selects(pdb.spec.selector, k8s.pod_labels(obj))
}

package treum.resource.cost_test

import data.treum.fixtures as fx
import data.treum.resource.cost

without_label(obj, label) := json.remove(obj, [concat("/", ["metadata/labels", replace(label, "/", "~1")])])

# TREUM-COST-001

test_workload_labels_present if {
	count(cost.deny_workload_labels) == 0 with input as fx.deployment
	count(cost.deny_workload_labels) == 0 with input as fx.cronjob
}

test_workload_labels_missing if {
	results := cost.deny_workload_labels with input as without_label(fx.deployment, "cost-center")
	fx.ids(results) == {"TREUM-COST-001"}
	fx.messages(results) == {"Deployment has no 'cost-center' label"}
}

test_workload_labels_empty if {
	obj := object.union(fx.deployment, {"metadata": {"labels": {"team": ""}}})
	fx.messages(cost.deny_workload_labels) == {"Deployment has no 'team' label"} with input as obj
}

test_workload_labels_only_on_workloads if {
	count(cost.deny_workload_labels) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}
}

# TREUM-COST-002

test_pod_labels_present if {
	count(cost.deny_pod_labels) == 0 with input as fx.deployment
}

test_pod_labels_missing if {
	obj := json.remove(fx.deployment, ["spec/template/metadata/labels/team"])
	results := cost.deny_pod_labels with input as obj
	fx.ids(results) == {"TREUM-COST-002"}
	fx.messages(results) == {"pod template has no 'team' label"}
}

# TREUM-COST-003

expiring(date) := object.union(fx.deployment, {"metadata": {"labels": {"treum.io/expires": date}}})

test_expired_not_yet if {
	count(cost.warn_expired) == 0 with input as expiring("2026-01-01") with data.treum.now as fx.now
}

test_expired_past if {
	results := cost.warn_expired with input as expiring("2025-12-31") with data.treum.now as fx.now
	fx.ids(results) == {"TREUM-COST-003"}
	fx.messages(results) == {"expired on 2025-12-31 (treum.io/expires)"}
}

test_expired_not_a_date if {
	fx.messages(cost.warn_expired) == {"treum.io/expires 'soon' is not a date (YYYY-MM-DD)"} with input as expiring("soon") with data.treum.now as fx.now
}

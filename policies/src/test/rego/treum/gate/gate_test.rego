package treum.gate_test

import data.treum.fixtures as fx
import data.treum.gate

probe := {"apiVersion": "test/v1", "kind": "Probe", "metadata": {"name": "p1", "namespace": "shop"}}

probe_ref := {"apiVersion": "test/v1", "kind": "Probe", "namespace": "shop", "name": "p1"}

payload(objects) := fx.document(fx.holding(fx.production, objects), [])

by_policy(findings, policy) := {f | some f in findings; f.policy == policy}

test_input_and_data_agree if {
	doc := payload(array.concat(fx.service_objects, [probe]))
	from_input := gate.findings with input as doc
	from_data := gate.findings with data.treum.environment as doc.environment
		with data.treum.environments as doc.environments
		with data.treum.quantities as doc.quantities
		with data.treum.now as doc.now
	from_input == from_data
	count(from_input) > 0
}

test_compliant_service_has_no_findings if {
	count(gate.findings) == 0 with input as payload(fx.service_objects)
}

test_treum_finding_shape if {
	deployment := object.union(fx.deployment, {"metadata": {"namespace": "default"}})
	findings := gate.findings with input as payload([deployment])
	by_policy(findings, "data.treum.resource.api.deny_default_namespace") == {{
		"rule": "TREUM-API-002",
		"severity": "error",
		"msg": "object is in the default namespace",
		"object": {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "default", "name": "shop-api"},
		"policy": "data.treum.resource.api.deny_default_namespace",
		"details": {},
	}}
}

test_treum_severity_from_metadata if {
	cronjob := object.union(fx.cronjob, {"spec": {"jobTemplate": {"spec": {"template": {"spec": {"nodeSelector": {"eks.amazonaws.com/capacityType": "ON_DEMAND"}}}}}}})
	findings := gate.findings with input as payload([cronjob])
	{f.severity | some f in by_policy(findings, "data.treum.resource.capacity.warn_batch_on_demand")} == {"info"}
}

test_cross_finding_names_its_object if {
	findings := gate.findings with input as payload([fx.hpa])
	{[f.rule, f.object.kind] | some f in by_policy(findings, "data.treum.cross.autoscaling.deny_hpa_target_missing")} == {["TREUM-HPA-001", "HorizontalPodAutoscaler"]}
}

test_conftest_string_result if {
	findings := gate.findings with input as payload([probe])
	by_policy(findings, "data.main.deny") == {{
		"rule": "data.main.deny",
		"severity": "error",
		"msg": "probe p1 denied",
		"object": probe_ref,
		"policy": "data.main.deny",
		"details": {},
	}}
}

test_conftest_object_result_with_details if {
	findings := gate.findings with input as payload([probe])
	by_policy(findings, "data.main.warn_probe") == {{
		"rule": "data.main.warn_probe",
		"severity": "info",
		"msg": "probe warned",
		"object": probe_ref,
		"policy": "data.main.warn_probe",
		"details": {"ticket": "OPS-1"},
	}}
}

test_result_without_msg if {
	findings := gate.findings with input as payload([probe])
	{f.msg | some f in by_policy(findings, "data.main.deny_without_msg")} == {"result of data.main.deny_without_msg has no msg"}
}

test_conftest_exceptions if {
	doc := payload([probe])
	findings := gate.findings with input as doc
	count(by_policy(findings, "data.main.violation_exempt")) == 0
	count(by_policy(findings, "data.treum.resource.probe.deny")) == 0
	count(by_policy(findings, "data.treum.resource.probe.warn_kept")) == 1
	exceptions := gate.report.exceptions with input as doc
	{f.policy | some f in exceptions} == {"data.main.violation_exempt", "data.treum.resource.probe.deny"}
}

test_environment_level_finding if {
	findings := gate.findings with input as payload([probe])
	by_policy(findings, "data.treum.cross.probe.warn_environment") == {{
		"rule": "data.treum.cross.probe.warn_environment",
		"severity": "warning",
		"msg": "environment-level",
		"object": {"apiVersion": "", "kind": "", "namespace": "", "name": ""},
		"policy": "data.treum.cross.probe.warn_environment",
		"details": {},
	}}
}

test_report if {
	report := gate.report with input as payload(fx.service_objects)
	report.environment == "production"
	report.objects == 4
	count(report.findings) == 0
	count(report.exceptions) == 0
	"data.treum.resource.images.deny_registry" in report.rules
	"data.treum.cross.standby.warn_standby_replicas" in report.rules
	"data.main.deny" in report.rules
	not "data.main.exception" in report.rules
	not "data.treum.resource.probe.exception" in report.rules
}

test_report_from_data if {
	report := gate.report with data.treum.environment as fx.holding(fx.production, fx.service_objects)
	report.objects == 4
}

test_without_an_environment if {
	count(gate.findings) == 0
	gate.report.objects == 0
}

test_rule_names if {
	every name in ["deny", "violation", "warn", "deny_x", "violation_a_b", "warn_1"] {
		gate.is_rule(name)
	}
	every name in ["denied", "warning", "deny_", "exception", "deny-x"] {
		not gate.is_rule(name)
	}
}

test_exception_names if {
	gate.exception_name("deny") == ""
	gate.exception_name("warn_foo_bar") == "foo_bar"
	gate.exception_name("violation_x") == "x"
}

test_a_rule_that_is_not_a_set_is_reported if {
	findings := gate.findings with input as payload([probe])
	{[f.severity, f.msg] | some f in by_policy(findings, "data.treum.resource.probe.deny_boolean")} == {[
		"error",
		"the rule is true, not a set of results (write: deny_boolean contains msg if …)",
	]}
}

test_collections_of_results if {
	gate.results_of("deny", ["a"]) == ["a"]
	gate.results_of("deny", {"a"}) == {"a"}
	gate.results_of("deny", {"k": "a"}) == {"k": "a"}
}

test_subjects_limit_the_single_resource_rules if {
	in_default := object.union(fx.deployment, {"metadata": {"namespace": "default"}})
	other := object.union(in_default, {"metadata": {"name": "other"}})
	doc := payload([in_default, other, fx.hpa])
	all := gate.findings with input as doc
	first := gate.findings with input as object.union(doc, {"subjects": [0]})
	none := gate.findings with input as object.union(doc, {"subjects": []})
	names(all, "data.treum.resource.api.deny_default_namespace") == {"shop-api", "other"}
	names(first, "data.treum.resource.api.deny_default_namespace") == {"shop-api"}
	names(none, "data.treum.resource.api.deny_default_namespace") == set()

	# cross-resource rules still see every object
	by_policy(none, "data.treum.cross.autoscaling.deny_hpa_target_missing") == by_policy(all, "data.treum.cross.autoscaling.deny_hpa_target_missing")
	count(by_policy(all, "data.treum.cross.autoscaling.deny_hpa_target_missing")) > 0
}

test_subjects_from_data if {
	in_default := object.union(fx.deployment, {"metadata": {"namespace": "default"}})
	doc := payload([in_default])
	findings := gate.findings with data.treum.environment as doc.environment
		with data.treum.environments as doc.environments
		with data.treum.quantities as doc.quantities
		with data.treum.now as doc.now
		with data.treum.subjects as []
	names(findings, "data.treum.resource.api.deny_default_namespace") == set()
}

names(findings, policy) := {f.object.name | some f in by_policy(findings, policy)}

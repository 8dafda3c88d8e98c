package treum.resource.reliability_test

import data.treum.fixtures as fx
import data.treum.resource.reliability

# TREUM-REL-001

test_readiness_probe_present if {
	count(reliability.deny_readiness_probe) == 0 with input as fx.deployment
}

test_readiness_probe_missing if {
	results := reliability.deny_readiness_probe with input as fx.with_container(object.remove(fx.container, ["readinessProbe"]))
	fx.ids(results) == {"TREUM-REL-001"}
	fx.messages(results) == {"container shop-api serves on a port but has no readiness probe"}
}

test_readiness_probe_not_needed_without_ports if {
	count(reliability.deny_readiness_probe) == 0 with input as fx.with_container(object.remove(fx.container, ["readinessProbe", "ports"]))
}

test_readiness_probe_not_needed_for_batch if {
	cronjob := json.patch(fx.cronjob, [{
		"op": "add",
		"path": "/spec/jobTemplate/spec/template/spec/containers/0/ports",
		"value": [{"containerPort": 8080}],
	}])
	count(reliability.deny_readiness_probe) == 0 with input as cronjob
}

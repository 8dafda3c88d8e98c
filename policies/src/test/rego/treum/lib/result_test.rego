package treum.lib.result_test

import data.treum.lib.result

chain := [
	{"annotations": {"custom": {"id": "ACME-SEC-001", "severity": "error"}}, "path": ["data", "main", "deny_x"]},
	{"annotations": {"title": "The package"}, "path": ["data", "main"]},
]

deployment := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api"}}

test_resource_from_the_metadata_chain if {
	result.resource(chain, "m") == {"msg": "m", "rule": "ACME-SEC-001", "severity": "error"}
	result.resource(chain, "m") == result.resource_rule("ACME-SEC-001", "error", "m")
}

test_cross_from_the_metadata_chain if {
	result.cross(chain, "m", deployment) == {
		"msg": "m", "rule": "ACME-SEC-001", "severity": "error",
		"object": {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "", "name": "api"},
	}
	result.cross(chain, "m", deployment) == result.cross_rule("ACME-SEC-001", "error", "m", deployment)
}

test_a_chain_without_an_id_gives_no_result if {
	not result.resource([{"annotations": {"title": "t"}, "path": []}], "m")
}

package main

test_privileged_container_is_denied if {
	some msg in deny_privileged with input as {
		"kind": "Deployment",
		"metadata": {"name": "x"},
		"spec": {"template": {"spec": {"containers": [{"name": "c", "securityContext": {"privileged": true}}]}}},
	}
	msg == "Deployment x: container c is privileged"
}

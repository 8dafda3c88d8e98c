package main

import data.lib.kubernetes

# Legacy workloads may stay privileged and without probes until they are migrated.
exception contains rules if {
	kubernetes.labels["shop.example.com/legacy"] == "true"
	rules := ["privileged", "readiness"]
}

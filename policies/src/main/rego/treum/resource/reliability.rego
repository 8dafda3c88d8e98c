# METADATA
# title: Reliability of a single workload (REL)
# description: Checks one workload needs no other object for; the standby checks are in treum.cross.standby.
package treum.resource.reliability

import data.treum.lib.k8s
import data.treum.lib.result
import data.treum.lib.subject

# METADATA
# scope: document
# title: Serving containers have a readiness probe
# description: |
#   Without a readiness probe a pod receives traffic (from its Service and the Istio
#   sidecar) as soon as the process starts, and a rolling update can take every ready pod
#   away at once.
# custom:
#   id: TREUM-REL-001
#   severity: error
#   remediation: >-
#     Add a readinessProbe to every container that declares a port (treum definition .readinessPath("/ready")).
#   waivable: true
deny_readiness_probe contains result.resource_rule("TREUM-REL-001", "error", msg) if {
	subject.is_workload
	not subject.is_batch
	some c in subject.containers
	k8s.serves(c)
	not c.readinessProbe
	msg := concat("", ["container ", c.name, " serves on a port but has no readiness probe"])
}

# Helpers, as conftest policies often import them (not evaluated as rules: package lib).
package lib.kubernetes

workload_kinds := {"Deployment", "StatefulSet", "DaemonSet", "Job"}

is_workload if input.kind in workload_kinds

name := input.metadata.name

containers contains container if {
	is_workload
	some container in input.spec.template.spec.containers
}

containers contains container if {
	is_workload
	some container in input.spec.template.spec.initContainers
}

labels := object.get(input, ["metadata", "labels"], {})

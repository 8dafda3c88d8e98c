# METADATA
# title: A cross-resource probe
# description: Test-only. A result without an object is about the environment.
package treum.cross.probe

warn_environment contains "environment-level" if {
	some obj in data.treum.environment.objects
	obj.kind == "Probe"
}

# METADATA
# title: Probe rules in TREUM's own package trees
# description: Test-only, fire only for objects of kind Probe.
package treum.resource.probe

deny contains "plain deny, exempted by the empty name" if input.kind == "Probe"

warn_kept contains "kept" if input.kind == "Probe"

exception contains [""] if input.kind == "Probe"

deny_boolean if input.kind == "Probe"

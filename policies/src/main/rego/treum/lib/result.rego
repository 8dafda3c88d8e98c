# METADATA
# title: Rule results
# description: |
#   The values rules put into their `deny_*`/`warn_*` sets: conftest's `{msg, …}` with the
#   rule id and severity, so that a result can never disagree with the catalogue.
#
#   TREUM's rules state both as literals in their heads, equal to their own `# METADATA`:
#   `deny_x contains result.resource_rule("TREUM-SEC-001", "error", msg) if …`. The catalogue
#   build (tools/rego/catalogue.rego) refuses a definition whose literals differ from its
#   annotation.
#
#   `resource(rego.metadata.chain(), msg)` and `cross(rego.metadata.chain(), msg, obj)` take
#   them from the metadata instead, with no second copy to keep equal; user policies may use
#   either form. The chain costs time, though: OPA evaluates `rego.metadata.chain()` before
#   the rule's body, building the whole annotation chain as a value every time the rule is
#   tried — for every object, whether or not the rule fires. For TREUM's rules in the Wasm
#   engine that was about a third of the evaluation.
package treum.lib.result

# A single-resource result with the id and severity of the rule's metadata.
resource(chain, msg) := resource_rule(custom(chain).id, custom(chain).severity, msg)

# A cross-resource result with the id and severity of the rule's metadata.
cross(chain, msg, obj) := cross_rule(custom(chain).id, custom(chain).severity, msg, obj)

# The custom fields of the innermost annotation that has a rule id.
custom(chain) := [c | some entry in chain; c := entry.annotations.custom; c.id][0]

# A single-resource result.
resource_rule(id, severity, msg) := {
	"msg": msg,
	"rule": id,
	"severity": severity,
}

# A cross-resource result also names the object it is about.
cross_rule(id, severity, msg, obj) := {
	"msg": msg,
	"rule": id,
	"severity": severity,
	"object": {
		"apiVersion": object.get(obj, "apiVersion", ""),
		"kind": object.get(obj, "kind", ""),
		"namespace": object.get(obj, ["metadata", "namespace"], ""),
		"name": object.get(obj, ["metadata", "name"], ""),
	},
}

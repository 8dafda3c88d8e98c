# METADATA
# title: Rule results
# description: |
#   The values TREUM rules put into their `deny_*`/`warn_*` sets. The rule id and severity
#   come from the rule's own `# METADATA` (scope document, so that every definition of the
#   rule shares it), read with `rego.metadata.chain()`, which OPA resolves when it compiles
#   the policy (also to Wasm). A result can therefore never disagree with the catalogue.
package treum.lib.result

# The custom fields of the innermost annotation that has a rule id.
custom(chain) := [c | some entry in chain; c := entry.annotations.custom; c.id][0]

# A single-resource result: conftest's `{msg, …}` with the rule id and severity.
resource(chain, msg) := {
	"msg": msg,
	"rule": custom(chain).id,
	"severity": custom(chain).severity,
}

# A cross-resource result also names the object it is about.
cross(chain, msg, obj) := {
	"msg": msg,
	"rule": custom(chain).id,
	"severity": custom(chain).severity,
	"object": {
		"apiVersion": object.get(obj, "apiVersion", ""),
		"kind": object.get(obj, "kind", ""),
		"namespace": object.get(obj, ["metadata", "namespace"], ""),
		"name": object.get(obj, ["metadata", "name"], ""),
	},
}

# METADATA
# title: The gate
# description: |
#   The entrypoints the engine calls once per environment (policies/README.md). They run
#   every rule over every object of data.treum.environment.objects:
#
#   - single-resource rules, conftest style: `deny`/`violation`/`warn[_suffix]` in the
#     packages under `treum.resource` and in `main`, each evaluated with the object as
#     `input`, honouring the package's `exception` rules as conftest does;
#   - cross-resource rules: the same names in the packages under `treum.cross`, evaluated
#     once; each result names its object.
#
#   Results become findings {rule, severity, msg, object, policy, details}.
package treum.gate

import data.treum.lib.env
import data.treum.lib.k8s

# METADATA
# title: Findings of one environment
# description: |
#   Entrypoint treum/gate/findings: the set of findings of the environment (a JSON array
#   in no particular order: OPA's Wasm sorts by insertion, quadratic in the findings, so
#   the engine sorts). Conftest exceptions are applied; what they exempted is in
#   treum/gate/report.
# entrypoint: true
findings := value if {
	mounted
	value := all_findings with data.treum.environment as input.environment
		with data.treum.environments as object.get(input, "environments", [])
		with data.treum.quantities as object.get(input, "quantities", {})
		with data.treum.now as object.get(input, "now", {})
		with data.treum.subjects as object.get(input, "subjects", null)
} else := all_findings

# METADATA
# title: Findings, exceptions and what was evaluated
# description: |
#   Entrypoint treum/gate/report: everything about one environment in one call. `rules`
#   lists every rule the policy holds (a run that evaluated none must not pass), `objects`
#   how many objects were evaluated, `exceptions` the findings conftest `exception` rules
#   exempted.
# entrypoint: true
report := value if {
	mounted
	value := full_report with data.treum.environment as input.environment
		with data.treum.environments as object.get(input, "environments", [])
		with data.treum.quantities as object.get(input, "quantities", {})
		with data.treum.now as object.get(input, "now", {})
		with data.treum.subjects as object.get(input, "subjects", null)
} else := full_report

# The engine passes the environment's document as `input` (fast in opa-java-wasm, natural
# for OPA's REST API) or as `data.treum` (opa eval -d, conftest --data). From `input`, the
# gate mounts it at data.treum for the rules, which always read data.treum.
mounted if is_object(input.environment)

full_report := {
	"environment": env.name,
	"objects": count(env.objects),
	"rules": sort(rules),
	"findings": all_findings,
	"exceptions": exempted_findings,
}

all_findings := resource_findings | cross_findings

# Conftest's rule names (conftest policy/engine.go).
failure(name) if regex.match(`^(deny|violation)(_[a-zA-Z0-9]+)*$`, name)

warning(name) if regex.match(`^warn(_[a-zA-Z0-9]+)*$`, name)

is_rule(name) if failure(name)

is_rule(name) if warning(name)

# What an `exception` names for a rule: the rule name without its kind (conftest's
# removeRulePrefix): deny_foo -> "foo", deny -> "".
exception_name(name) := "" if name in {"deny", "violation", "warn"}

exception_name(name) := trim_prefix(trim_prefix(trim_prefix(name, "violation_"), "deny_"), "warn_") if {
	not name in {"deny", "violation", "warn"}
}

# Single-resource results: [position of the object, package path, rule name, value,
# exempted]. Positions rather than objects, which a set would hash whole.
#
# For each object, the whole tree of single-resource packages is evaluated in one
# `with input as …`, so the per-object rules of treum.lib.subject are computed once for all
# packages. Packages are materialised and their rules iterated (`some name, values in
# rules`): iterating rule names through a reference (`data.treum.resource[pkg][name]`) makes
# OPA 1.22 emit invalid Wasm when the package also defines functions.
resource_results contains [i, concat(".", ["treum.resource", pkg]), name, value, exempted] if {
	classified := classified_names
	some i in subject_positions
	obj := env.objects[i]
	tree := data.treum.resource with input as obj
	some pkg, rules in tree
	exemptions := exempted_names(rules)
	some name, values in rules
	classified_rule(classified, name)
	some value in results_of(name, values)
	exempted := exception_name(name) in exemptions
}

resource_results contains [i, "main", name, value, exempted] if {
	classified := classified_names
	some i in subject_positions
	obj := env.objects[i]
	rules := data.main with input as obj
	exemptions := exempted_names(rules)
	some name, values in rules
	classified_rule(classified, name)
	some value in results_of(name, values)
	exempted := exception_name(name) in exemptions
}

# Positions of the objects the single-resource rules evaluate: every object of the environment,
# unless the document names some in `subjects` (a bump names the objects it changed: the others
# are as they were, and so are their findings). Cross-resource rules always see every object.
subject_positions := data.treum.subjects if names_subjects

subject_positions := [i | some i, _ in env.objects] if not names_subjects

names_subjects if is_array(data.treum.subjects)

# Whether each name in the single-resource packages is a rule, classified once per environment
# and bound before the loop over the objects: Wasm memoises nothing evaluated in that loop (see
# "Pitfalls" in policies/README.md), and matching the regular expressions for every object and
# name cost more than most rules (a fifth of the evaluation). A name not classified here (a
# complete rule undefined without an object) is matched when it comes up.
classified_names := {name: is_rule_name(name) | some name in resource_names}

resource_names contains name if {
	some pkg
	rules := data.treum.resource[pkg]
	some name, _ in rules
}

resource_names contains name if {
	rules := data.main
	some name, _ in rules
}

is_rule_name(name) if is_rule(name)

is_rule_name(name) := false if not is_rule(name)

classified_rule(classified, name) if classified[name]

classified_rule(classified, name) if {
	object.get(classified, name, null) == null
	is_rule(name)
}

# A rule's results. A rule that is not a collection (`deny if …` instead of
# `deny contains msg if …`, which conftest rejects) is reported rather than ignored.
results_of(_, values) := values if is_collection(values)

results_of(name, values) := [concat("", [
	"the rule is ", json.marshal(values), ", not a set of results (write: ", name, " contains msg if …)",
])] if {
	not is_collection(values)
}

is_collection(x) if is_set(x)

is_collection(x) if is_array(x)

is_collection(x) if is_object(x)

# The rule names (without deny_/violation_/warn_) a package's `exception` rules exempt the
# object from; conftest's `exception contains rules if …` with rules an array of names.
exempted_names(rules) := {e | some names in object.get(rules, "exception", set()); some e in names}

resource_findings contains finding(value, concat(".", ["data", path, name]), name, k8s.ref(env.objects[i])) if {
	some [i, path, name, value, false] in resource_results
}

exempted_findings contains finding(value, concat(".", ["data", path, name]), name, k8s.ref(env.objects[i])) if {
	some [i, path, name, value, true] in resource_results
}

# Cross-resource findings; each result carries its object.
cross_findings contains finding(value, concat(".", ["data.treum.cross", pkg, name]), name, result_object(value)) if {
	some pkg
	rules := data.treum.cross[pkg]
	some name, values in rules
	is_rule(name)
	some value in results_of(name, values)
}

# The object a cross-resource result names; all fields "" for an environment-level finding.
result_object(value) := {field: text |
	some field in ["apiVersion", "kind", "namespace", "name"]
	text := object.get(value, ["object", field], "")
} if is_object(value)

result_object(value) := k8s.ref({}) if not is_object(value)

# Every rule the policy holds, by its data path.
rules contains concat(".", ["data.treum.resource", pkg, name]) if {
	some pkg
	rules := data.treum.resource[pkg]
	some name, _ in rules
	is_rule(name)
}

rules contains concat(".", ["data.main", name]) if {
	rules := data.main
	some name, _ in rules
	is_rule(name)
}

rules contains concat(".", ["data.treum.cross", pkg, name]) if {
	some pkg
	rules := data.treum.cross[pkg]
	some name, _ in rules
	is_rule(name)
}

# A rule result (conftest: a string, or an object with msg) as a finding.
finding(value, policy, name, obj) := {
	"rule": rule_id(value, policy),
	"severity": severity(value, name),
	"msg": message(value, policy),
	"object": obj,
	"policy": policy,
	"details": details(value),
}

# The rule id a result states, else the rule's data path.
rule_id(value, _) := value.rule if has_string(value, "rule")

rule_id(value, policy) := policy if not has_string(value, "rule")

# deny/violation are errors; warn is a warning unless its result says "info".
severity(_, name) := "error" if failure(name)

severity(value, name) := "info" if {
	warning(name)
	says_info(value)
}

severity(value, name) := "warning" if {
	warning(name)
	not says_info(value)
}

says_info(value) if value.severity == "info"

message(value, _) := value if is_string(value)

message(value, _) := value.msg if has_string(value, "msg")

message(value, policy) := concat("", ["result of ", policy, " has no msg"]) if {
	not is_string(value)
	not has_string(value, "msg")
}

# Whether a result is an object with a string field. (`not is_string(value.msg)` would be
# undefined rather than true for a string result: OPA evaluates the argument first.)
has_string(value, field) if is_string(value[field])

# What a result carries beyond msg, rule, severity and object.
details(value) := object.remove(value, ["msg", "rule", "severity", "object"]) if is_object(value)

details(value) := {} if not is_object(value)

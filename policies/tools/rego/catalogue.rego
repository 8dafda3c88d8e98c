# METADATA
# title: The rule catalogue
# description: |
#   Build tool (not part of the policy). Input: {"inspect": `opa inspect -a -f json` of the
#   Rego sources, "rules": the gate's report.rules}. Output: rules.json, the catalogue the
#   engine reads (id, title, severity, remediation, waivable, …), and the reasons it cannot
#   be built: a rule without metadata, a malformed or duplicate id, a severity that
#   contradicts the rule's name, a definition whose result does not state the rule's id and
#   severity ("modules": `opa parse -f json` of every Rego file, which the heads are read from).
package treum.tools.catalogue

annotated := [a |
	some a in input.inspect.annotations
	a.annotations.custom.id
]

policy(a) := concat(".", [p.value | some p in a.path])

kind(a) := a.path[2].value

rule_name(a) := a.path[count(a.path) - 1].value

entry(a) := {
	"id": a.annotations.custom.id,
	"title": a.annotations.title,
	"description": trim_space(object.get(a.annotations, "description", "")),
	"severity": a.annotations.custom.severity,
	"remediation": a.annotations.custom.remediation,
	"waivable": a.annotations.custom.waivable,
	"policy": policy(a),
	"kind": kind(a),
	"file": a.location.file,
	"line": a.location.row,
}

rules := sort_by_id([entry(a) | some a in annotated])

sort_by_id(entries) := [e |
	some id in sort({e.id | some e in entries})
	some e in entries
	e.id == id
]

document := json.marshal_with_options({"rules": rules}, {"pretty": true, "indent": "  "}) if count(errors) == 0

errors contains concat("", [policy(a), ": id '", a.annotations.custom.id, "' is not TREUM-<AREA>-<nnn>"]) if {
	some a in annotated
	not regex.match(`^TREUM-[A-Z]+-[0-9]{3}$`, a.annotations.custom.id)
}

errors contains concat("", [policy(a), ": scope must be document (one annotation for every definition of the rule)"]) if {
	some a in annotated
	a.annotations.scope != "document"
}

errors contains concat("", [policy(a), ": needs a non-empty ", field]) if {
	some a in annotated
	some field in ["title", "description"]
	not non_empty(object.get(a.annotations, field, ""))
}

errors contains concat("", [policy(a), ": needs custom.remediation"]) if {
	some a in annotated
	not non_empty(object.get(a.annotations.custom, "remediation", ""))
}

errors contains concat("", [policy(a), ": custom.waivable must be true or false"]) if {
	some a in annotated
	not is_boolean(a.annotations.custom.waivable)
}

errors contains concat("", [policy(a), ": severity '", format(a.annotations.custom.severity), "' does not fit the rule name"]) if {
	some a in annotated
	not fits(rule_name(a), a.annotations.custom.severity)
}

errors contains concat("", ["id ", id, " is used by ", concat(", ", sort(policies))]) if {
	some id in {a.annotations.custom.id | some a in annotated}
	policies := [policy(a) | some a in annotated; a.annotations.custom.id == id]
	count(policies) > 1
}

errors contains concat("", [rule, ": a TREUM rule without # METADATA (id, title, severity, remediation, waivable)"]) if {
	some rule in input.rules
	startswith(rule, "data.treum.")
	not rule in {policy(a) | some a in annotated}
}

errors contains concat("", [policy(a), ": not a rule the gate evaluates (deny/violation/warn[_suffix] under treum.resource or treum.cross)"]) if {
	some a in annotated
	not policy(a) in {r | some r in input.rules}
}

# Every definition of a rule states its annotation's id and severity as the first two
# arguments of its result, `deny_x contains result.resource_rule("TREUM-SEC-001", "error", msg)`
# or `result.cross_rule(…)` (treum.lib.result), so that a result cannot disagree with the catalogue.
errors contains concat("", [
	policy(a), ": every definition must produce result.resource_rule(\"", a.annotations.custom.id, "\", \"",
	format(a.annotations.custom.severity), "\", msg) or result.cross_rule(…), the id and severity of its # METADATA",
]) if {
	some a in annotated
	some [path, key] in definitions
	path == policy(a)
	not states(key, a.annotations.custom.id, a.annotations.custom.severity)
}

errors contains concat("", [policy(a), ": no definition of the form `", rule_name(a), " contains result.resource_rule(…)` found"]) if {
	some a in annotated
	not policy(a) in {path | some [path, _] in definitions}
}

# [data path of the rule, the key its head puts into the set] for every partial set rule.
definitions contains [concat(".", [module_path(m), r.head.name]), r.head.key] if {
	some m in input.modules
	some r in m.rules
	r.head.key
}

module_path(m) := concat(".", [p.value | some p in m["package"].path])

states(key, id, severity) if {
	key.type == "call"
	function := key.value[0]
	function.type == "ref"
	[function.value[0].value, function.value[1].value] in {["result", "resource_rule"], ["result", "cross_rule"]}
	key.value[1] == {"type": "string", "value": id}
	key.value[2] == {"type": "string", "value": severity}
}

non_empty(s) if trim_space(s) != ""

fits(name, "error") if regex.match(`^(deny|violation)(_[a-zA-Z0-9]+)*$`, name)

fits(name, severity) if {
	severity in {"warning", "info"}
	regex.match(`^warn(_[a-zA-Z0-9]+)*$`, name)
}

format(x) := x if is_string(x)

format(x) := json.marshal(x) if not is_string(x)

# RULES.md: the catalogue for people, one table row per rule.
markdown := concat("\n", array.concat(
	[
		"# TREUM policy rules",
		"",
		"Generated by `tools/regenerate.sh` from the rules' `# METADATA` (the same data as",
		"`rules.json` in the jar); do not edit. Severity `error` fails validation (`deny`), `warning`",
		"and `info` are reported (`warn`). A waivable rule can be waived per object and environment",
		"in `treum-waivers.yaml`; the others cannot.",
		"",
		"| id | severity | waivable | rule | remediation |",
		"|---|---|---|---|---|",
	],
	[row(e) | some e in rules],
))

row(e) := sprintf("| %s | %s | %s | **%s**<br>`%s` | %s |", [
	e.id, e.severity, yes_no(e.waivable), cell(e.title), trim_prefix(e.policy, "data."), cell(e.remediation),
])

yes_no(true) := "yes"

yes_no(false) := "no"

cell(s) := replace(replace(replace(replace(s, "|", "\\|"), "\n", " "), "<", "&lt;"), ">", "&gt;")

# METADATA
# title: The rule catalogue
# description: |
#   Build tool (not part of the policy). Input: {"inspect": `opa inspect -a -f json` of the
#   Rego sources, "rules": the gate's report.rules}. Output: rules.json, the catalogue the
#   engine reads (id, title, severity, remediation, waivable, …), and the reasons it cannot
#   be built: a rule without metadata, a malformed or duplicate id, a severity that
#   contradicts the rule's name.
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

non_empty(s) if trim_space(s) != ""

fits(name, "error") if regex.match(`^(deny|violation)(_[a-zA-Z0-9]+)*$`, name)

fits(name, severity) if {
	severity in {"warning", "info"}
	regex.match(`^warn(_[a-zA-Z0-9]+)*$`, name)
}

format(x) := x if is_string(x)

format(x) := json.marshal(x) if not is_string(x)

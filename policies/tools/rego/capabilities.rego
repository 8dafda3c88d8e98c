# METADATA
# title: The capabilities of the Java runtime
# description: |
#   Build tool (not part of the policy). Input: `opa capabilities --version <pinned>`.
#   Output: the same document with only the builtins the in-process engine can run, so that
#   `opa build -t wasm --capabilities` rejects a policy that calls anything else when the
#   policy is built, not when a user's run reaches the call.
package treum.tools.capabilities

# Compiled into the Wasm module by OPA itself: builtinsFunctions in OPA v1.22.3
# internal/compiler/wasm/wasm.go, plus the operators the planner emits directly (`:=`, `=`).
native := {
	"abs",
	"all",
	"and",
	"any",
	"array.concat",
	"array.flatten",
	"array.reverse",
	"array.slice",
	"base64.decode",
	"base64.encode",
	"base64.is_valid",
	"base64url.decode",
	"base64url.encode",
	"bits.and",
	"bits.lsh",
	"bits.negate",
	"bits.or",
	"bits.rsh",
	"bits.xor",
	"ceil",
	"concat",
	"contains",
	"count",
	"div",
	"endswith",
	"equal",
	"floor",
	"format_int",
	"glob.match",
	"graph.reachable",
	"gt",
	"gte",
	"indexof",
	"internal.member_2",
	"internal.member_3",
	"internal.template_string",
	"intersection",
	"is_array",
	"is_boolean",
	"is_null",
	"is_number",
	"is_object",
	"is_set",
	"is_string",
	"json.filter",
	"json.is_valid",
	"json.marshal",
	"json.remove",
	"json.unmarshal",
	"lower",
	"lt",
	"lte",
	"max",
	"min",
	"minus",
	"mul",
	"neq",
	"net.cidr_contains",
	"net.cidr_intersects",
	"net.cidr_overlap",
	"numbers.range",
	"object.filter",
	"object.get",
	"object.keys",
	"object.remove",
	"object.union",
	"object.union_n",
	"or",
	"plus",
	"product",
	"re_match",
	"regex.find_all_string_submatch_n",
	"regex.is_valid",
	"regex.match",
	"rem",
	"replace",
	"round",
	"set_diff",
	"sort",
	"split",
	"startswith",
	"strings.replace_n",
	"strings.reverse",
	"substring",
	"sum",
	"to_number",
	"trim",
	"trim_left",
	"trim_prefix",
	"trim_right",
	"trim_space",
	"trim_suffix",
	"type_name",
	"union",
	"upper",
	"walk",
	"assign",
	"eq",
}

# Implemented in Java by com.styra.opa:opa-java-wasm 1.0.4 (com.styra.opa.wasm.builtins:
# String.sprintf, Json (json.is_valid, also native), Yaml). Its sprintf maps verbs onto
# java.lang.String.format, so TREUM's own rules do not use it (policies/README.md).
java := {"sprintf", "yaml.is_valid", "yaml.marshal", "yaml.unmarshal"}

# Replaced by constants when OPA compiles the policy; they never reach the runtime.
compile_time := {"rego.metadata.chain", "rego.metadata.rule"}

allowed := (native | java) | compile_time

capabilities := object.union(input, {"builtins": [b | some b in input.builtins; b.name in allowed]})

# Names the pinned opa does not know: the lists above are out of date.
unknown := allowed - {b.name | some b in input.builtins}

document := json.marshal_with_options(capabilities, {"pretty": true, "indent": "  "}) if count(unknown) == 0

# METADATA
# title: The environment under evaluation
# description: |
#   Reads `data.treum` as the engine passes it (see policies/README.md, "Data contract"):
#   the environment, its parameters with their defaults, the other environments, the
#   quantity table and "now". Every accessor tolerates missing data so that the
#   single-resource rules still run under plain conftest, where `data.treum` is absent.
package treum.lib.env

import data.treum.lib.k8s

default environment := {}

environment := data.treum.environment

name := object.get(environment, "name", "")

# "primary" or "standby"; an environment that does not say is primary.
role := object.get(environment, "role", "primary")

default is_standby := false

is_standby if role == "standby"

region := object.get(environment, "region", "")

parameters := object.get(environment, "parameters", {})

objects := object.get(environment, "objects", [])

default environments := []

environments := data.treum.environments

# Parameters with their defaults (policies/README.md, "Environment parameters").

# Production unless declared otherwise: a missing parameter must not relax the gate.
# (Booleans default to false here and in subject: Wasm memoises only rules with a value.)
default is_production := false

is_production if parameters.tier != "non-production"

is_production if not parameters.tier

# Availability zones the cluster spans (TREUM: 3 per region).
zones := number(object.get(parameters, "zones", 3))

# Share of the primary's capacity a standby runs at.
capacity_factor := number(object.get(parameters, "capacityFactor", 0.3))

# AWS account whose ECR registries images must come from ("" = any account).
account := object.get(parameters, "account", "")

# Registries images may come from, when the environment lists them explicitly.
registries := object.get(parameters, "registries", [])

# Service mesh of the cluster: "istio" (default) or "none".
mesh := object.get(parameters, "mesh", "istio")

default meshed := false

meshed if mesh == "istio"

# Port name prefixes Istio selects a protocol from.
mesh_protocols := {"grpc", "grpc-web", "http", "http2", "https", "mongo", "mysql", "redis", "tcp", "tls", "udp"}

# The GPU node group and the taint its nodes carry.
ml_node_group := object.get(parameters, "mlNodeGroup", "ml-nodes")

gpu_resource := "nvidia.com/gpu"

# Allocatable resources of the largest node of each node group: numbers, or quantity strings
# that the engine also puts into the quantity table. The defaults are TREUM's node groups:
# general purpose m6i.2xlarge (7.5 CPU, 28Gi allocatable) and ML g5.12xlarge (47 CPU,
# 180Gi, 4 GPUs).
default_node_groups := {
	"default": {"cpu": 7.5, "memory": 30064771072},
	"ml-nodes": {"cpu": 47, "memory": 193273528320, "nvidia.com/gpu": 4},
}

node_groups := object.get(parameters, "nodeGroups", default_node_groups)

# Node labels that name a node group (treum's own, EKS managed node groups).
node_group_label_keys := ["treum.io/node-group", "eks.amazonaws.com/nodegroup"]

# The node group a pod template selects, "default" when it selects none.
node_group(obj) := groups[0] if {
	groups := [g | some key in node_group_label_keys; some g in sort(k8s.required_node_values(obj, key))]
	count(groups) > 0
} else := "default"

# The environment a standby mirrors: `parameters.primary`, else the only primary environment.
primary_of_standby := parameters.primary

primary_of_standby := only_primary if not parameters.primary

only_primary := primaries[0] if {
	primaries := [e.name | some e in environments; object.get(e, "role", "primary") == "primary"]
	count(primaries) == 1
}

environment_named(env_name) := e if {
	some e in environments
	e.name == env_name
}

# A number from a parameter that may arrive as a string ("3").
number(x) := x if is_number(x)

number(x) := to_number(x) if is_string(x)

# A Kubernetes quantity as a number: numbers as they are, strings through the engine's
# table `data.treum.quantities` ("500m" -> 0.5, "1Gi" -> 1073741824). Undefined when the
# table lacks the string; the contract rule TREUM-GATE-001 reports that.
quantity(q) := q if is_number(q)

quantity(q) := data.treum.quantities[q] if is_string(q)

# "Now" from the engine: {"rfc3339": "2026-01-01T00:00:00Z", "unix": 1767225600}.
today := substring(data.treum.now.rfc3339, 0, 10)

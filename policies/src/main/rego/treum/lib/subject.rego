# METADATA
# title: The object under evaluation
# description: |
#   What the single-resource rules read from `input`, computed once per object. These are
#   rules, not functions, so they are memoised for the whole evaluation of one object (the
#   gate evaluates every single-resource package in one `with input as …`), whereas a
#   function such as k8s.containers(input) would run again in every rule that calls it.
package treum.lib.subject

import data.treum.lib.env
import data.treum.lib.images
import data.treum.lib.k8s

default kind := ""

kind := input.kind

namespace := k8s.namespace(input)

labels := k8s.labels(input)

default is_workload := false

is_workload if kind in k8s.workload_kinds

default is_batch := false

is_batch if kind in k8s.batch_kinds

# What has no value for an object without a pod template (a Service, a PDB) is wrapped in an
# array, [] or [value], which always has one: Wasm memoises only rules with a value, so an
# undefined pod_spec would be worked out again at every reference, by every rule, for most
# objects. The unwrapped rules below are undefined for those objects, as before.
_templates := [t | t := k8s.pod_template(input)]

_specs := [t.spec | some t in _templates]

pod_spec := _specs[0]

pod_labels := object.get(_templates[0], ["metadata", "labels"], {})

pod_annotations := object.get(_templates[0], ["metadata", "annotations"], {})

_containers := [object.get(s, "containers", []) | some s in _specs]

# The main containers.
containers := _containers[0]

_all_containers := [array.concat(object.get(s, "initContainers", []), object.get(s, "containers", [])) | some s in _specs]

# Init containers followed by the main containers.
all_containers := _all_containers[0]

capacity_types := k8s.capacity_types(input)

default on_spot := false

on_spot if "spot" in capacity_types

node_group := env.node_group(input)

node_groups_selected := k8s.required_node_values(input, "treum.io/node-group")

pod_security_context := object.get(pod_spec, "securityContext", {})

# Every container's image, parsed: [{container, image, ref: {registry, repository, tag, digest}}].
images := [{"container": c.name, "image": c.image, "ref": images.parse(c.image)} | some c in all_containers]

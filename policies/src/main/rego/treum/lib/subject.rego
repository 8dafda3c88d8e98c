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

is_workload if kind in k8s.workload_kinds

is_batch if kind in k8s.batch_kinds

pod_spec := k8s.pod_spec(input)

pod_labels := k8s.pod_labels(input)

pod_annotations := k8s.pod_annotations(input)

# The main containers.
containers := object.get(pod_spec, "containers", [])

# Init containers followed by the main containers.
all_containers := array.concat(object.get(pod_spec, "initContainers", []), containers)

capacity_types := k8s.capacity_types(input)

on_spot if "spot" in capacity_types

node_group := env.node_group(input)

node_groups_selected := k8s.required_node_values(input, "treum.io/node-group")

pod_security_context := object.get(pod_spec, "securityContext", {})

# Every container's image, parsed: [{container, image, ref: {registry, repository, tag, digest}}].
images := [{"container": c.name, "image": c.image, "ref": images.parse(c.image)} | some c in all_containers]

# METADATA
# title: Istio service mesh (MESH)
# description: |
#   TREUM's clusters run Istio with sidecar injection per namespace and strict mTLS.
#   The sidecar-related rules apply when the environment's `mesh` parameter is "istio"
#   (the default).
package treum.resource.mesh

import data.treum.lib.env
import data.treum.lib.result
import data.treum.lib.subject

# METADATA
# scope: document
# title: Sidecar injection stays on
# description: |
#   A pod without the Istio sidecar sends plaintext, is invisible to mesh telemetry and is
#   rejected by STRICT mTLS peers. Jobs and CronJobs may opt out (a sidecar keeps a Job
#   from completing); namespaces in the tree must enable injection.
# custom:
#   id: TREUM-MESH-001
#   severity: error
#   remediation: >-
#     Remove sidecar.istio.io/inject "false" from the pod template; label the namespace istio-injection=enabled (or istio.io/rev).
#   waivable: true
deny_sidecar_disabled contains result.resource_rule("TREUM-MESH-001", "error", msg) if {
	env.meshed
	subject.is_workload
	not subject.is_batch
	some where, values in {"label": subject.pod_labels, "annotation": subject.pod_annotations}
	values["sidecar.istio.io/inject"] == "false"
	msg := concat("", ["pod template disables Istio sidecar injection (", where, " sidecar.istio.io/inject)"])
}

deny_sidecar_disabled contains result.resource_rule("TREUM-MESH-001", "error", msg) if {
	env.meshed
	input.kind == "Namespace"
	labels := subject.labels
	not labels["istio-injection"] == "enabled"
	not labels["istio.io/rev"]
	msg := "namespace does not enable Istio sidecar injection (istio-injection=enabled or istio.io/rev)"
}

# METADATA
# scope: document
# title: Mutual TLS is strict
# description: PERMISSIVE or DISABLE lets plaintext traffic reach workloads and bypass authorization policies built on peer identities.
# custom:
#   id: TREUM-MESH-002
#   severity: error
#   remediation: >-
#     Set spec.mtls.mode STRICT on PeerAuthentication (also in portLevelMtls) and remove tls.mode DISABLE from DestinationRules.
#   waivable: true
deny_mtls contains result.resource_rule("TREUM-MESH-002", "error", msg) if {
	input.kind == "PeerAuthentication"
	some [where, mode] in peer_modes(input.spec)
	mode in {"PERMISSIVE", "DISABLE"}
	msg := concat("", ["mTLS mode ", mode, " (", where, ")"])
}

deny_mtls contains result.resource_rule("TREUM-MESH-002", "error", msg) if {
	input.kind == "DestinationRule"
	some [where, mode] in destination_modes(input.spec)
	mode == "DISABLE"
	msg := concat("", ["TLS to the destination is disabled (", where, ")"])
}

peer_modes(spec) := {[where, mode] |
	mode := spec.mtls.mode
	where := "spec.mtls"
} | {[where, mode] |
	some port, setting in object.get(spec, "portLevelMtls", {})
	mode := setting.mode
	where := concat("", ["spec.portLevelMtls[", format_port(port), "]"])
}

destination_modes(spec) := {[where, mode] |
	mode := spec.trafficPolicy.tls.mode
	where := "spec.trafficPolicy.tls"
} | {[where, mode] |
	some i, setting in object.get(spec, ["trafficPolicy", "portLevelSettings"], [])
	mode := setting.tls.mode
	where := concat("", ["spec.trafficPolicy.portLevelSettings[", format_int(i, 10), "]"])
}

format_port(port) := port if is_string(port)

format_port(port) := format_int(port, 10) if is_number(port)

# METADATA
# scope: document
# title: Service port names carry the protocol
# description: |
#   Istio picks the protocol from the port name (http, http-admin, grpc, tcp, …) or from
#   appProtocol; otherwise traffic is treated as opaque TCP and loses HTTP routing,
#   retries and telemetry.
# custom:
#   id: TREUM-MESH-003
#   severity: error
#   remediation: >-
#     Name the port <protocol>[-<suffix>] (http, http-metrics, grpc, tcp, …) or set appProtocol.
#   waivable: true
deny_port_protocol contains result.resource_rule("TREUM-MESH-003", "error", msg) if {
	env.meshed
	input.kind == "Service"
	some port in object.get(input, ["spec", "ports"], [])
	not port.appProtocol
	not split(object.get(port, "name", ""), "-")[0] in env.mesh_protocols
	msg := concat("", ["port ", port_label(port), " does not name its protocol"])
}

port_label(port) := port.name if port.name

port_label(port) := format_int(port.port, 10) if not port.name

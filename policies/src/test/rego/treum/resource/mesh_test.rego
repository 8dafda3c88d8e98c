package treum.resource.mesh_test

import data.treum.fixtures as fx
import data.treum.resource.mesh

no_mesh := object.union(fx.production, {"parameters": {"mesh": "none"}})

# TREUM-MESH-001

test_sidecar_injection_on if {
	count(mesh.deny_sidecar_disabled) == 0 with input as fx.deployment
}

test_sidecar_injection_disabled_by_annotation if {
	obj := object.union(fx.deployment, {"spec": {"template": {"metadata": {"annotations": {"sidecar.istio.io/inject": "false"}}}}})
	results := mesh.deny_sidecar_disabled with input as obj
	fx.ids(results) == {"TREUM-MESH-001"}
	fx.messages(results) == {"pod template disables Istio sidecar injection (annotation sidecar.istio.io/inject)"}
}

test_sidecar_injection_disabled_by_label if {
	obj := object.union(fx.deployment, {"spec": {"template": {"metadata": {"labels": {"sidecar.istio.io/inject": "false"}}}}})
	count(mesh.deny_sidecar_disabled) == 1 with input as obj
	count(mesh.deny_sidecar_disabled) == 0 with input as obj with data.treum.environment as no_mesh
}

test_sidecar_injection_may_be_off_for_batch if {
	obj := object.union(fx.cronjob, {"spec": {"jobTemplate": {"spec": {"template": {"metadata": {"annotations": {"sidecar.istio.io/inject": "false"}}}}}}})
	count(mesh.deny_sidecar_disabled) == 0 with input as obj
}

test_sidecar_injection_namespace_enabled if {
	every labels in [{"istio-injection": "enabled"}, {"istio.io/rev": "1-24"}] {
		count(mesh.deny_sidecar_disabled) == 0 with input as {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": labels}}
	}
}

test_sidecar_injection_namespace_not_enabled if {
	ns := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": {"istio-injection": "disabled"}}}
	fx.messages(mesh.deny_sidecar_disabled) == {"namespace does not enable Istio sidecar injection (istio-injection=enabled or istio.io/rev)"} with input as ns
}

# TREUM-MESH-002

peer_authentication(spec) := {"apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication", "metadata": {"name": "default", "namespace": "shop"}, "spec": spec}

destination_rule(policy) := {"apiVersion": "networking.istio.io/v1", "kind": "DestinationRule", "metadata": {"name": "shop-api", "namespace": "shop"}, "spec": {"host": "shop-api", "trafficPolicy": policy}}

test_mtls_strict if {
	count(mesh.deny_mtls) == 0 with input as peer_authentication({"mtls": {"mode": "STRICT"}, "portLevelMtls": {"8080": {"mode": "STRICT"}}})
	count(mesh.deny_mtls) == 0 with input as destination_rule({"tls": {"mode": "ISTIO_MUTUAL"}})
}

test_mtls_permissive if {
	results := mesh.deny_mtls with input as peer_authentication({"mtls": {"mode": "PERMISSIVE"}})
	fx.ids(results) == {"TREUM-MESH-002"}
	fx.messages(results) == {"mTLS mode PERMISSIVE (spec.mtls)"}
}

test_mtls_disabled_on_a_port if {
	fx.messages(mesh.deny_mtls) == {"mTLS mode DISABLE (spec.portLevelMtls[8080])", "mTLS mode DISABLE (spec.portLevelMtls[9090])"} with input as peer_authentication({
		"mtls": {"mode": "STRICT"},
		"portLevelMtls": {"8080": {"mode": "DISABLE"}, "9090": {"mode": "DISABLE"}},
	})
}

test_mtls_port_key_as_number if {
	fx.messages(mesh.deny_mtls) == {"mTLS mode DISABLE (spec.portLevelMtls[8080])"} with input as peer_authentication({"portLevelMtls": {8080: {"mode": "DISABLE"}}})
}

test_mtls_destination_rule_disabled if {
	fx.messages(mesh.deny_mtls) == {"TLS to the destination is disabled (spec.trafficPolicy.tls)", "TLS to the destination is disabled (spec.trafficPolicy.portLevelSettings[0])"} with input as destination_rule({
		"tls": {"mode": "DISABLE"},
		"portLevelSettings": [{"port": {"number": 80}, "tls": {"mode": "DISABLE"}}],
	})
}

# TREUM-MESH-003

with_ports(ports) := object.union(fx.service, {"spec": {"ports": ports}})

test_port_protocol_named if {
	ports := [{"name": "http", "port": 80}, {"name": "grpc-internal", "port": 9090}, {"name": "metrics", "port": 9100, "appProtocol": "http"}]
	count(mesh.deny_port_protocol) == 0 with input as with_ports(ports)
}

test_port_protocol_unnamed if {
	results := mesh.deny_port_protocol with input as with_ports([{"name": "web", "port": 80}, {"port": 8443}])
	fx.ids(results) == {"TREUM-MESH-003"}
	fx.messages(results) == {"port web does not name its protocol", "port 8443 does not name its protocol"}
}

test_port_protocol_without_mesh if {
	count(mesh.deny_port_protocol) == 0 with input as with_ports([{"name": "web", "port": 80}]) with data.treum.environment as no_mesh
}

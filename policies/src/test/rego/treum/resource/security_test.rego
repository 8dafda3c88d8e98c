package treum.resource.security_test

import data.treum.fixtures as fx
import data.treum.resource.security

with_context(context) := fx.with_container(object.union(fx.container, {"securityContext": context}))

without_context_key(key) := fx.with_container(fx.container_replacing(
	"securityContext",
	object.remove(fx.container.securityContext, [key]),
))

# TREUM-SEC-001

test_run_as_root_hardened if {
	count(security.deny_run_as_root) == 0 with input as fx.deployment
}

test_run_as_root_inherits_the_pod_setting if {
	count(security.deny_run_as_root) == 0 with input as without_context_key("runAsNonRoot")
}

test_run_as_root_container_overrides_the_pod if {
	results := security.deny_run_as_root with input as with_context({"runAsNonRoot": false})
	fx.ids(results) == {"TREUM-SEC-001"}
	fx.messages(results) == {"container shop-api may run as root (runAsNonRoot is not true)"}
}

unhardened := json.remove(fx.with_container(object.remove(fx.container, ["securityContext"])), ["spec/template/spec/securityContext"])

test_run_as_root_unset_everywhere if {
	count(security.deny_run_as_root) == 1 with input as unhardened
}

test_run_as_root_null if {
	obj := fx.with_pod({"securityContext": {"runAsNonRoot": null}, "containers": [object.remove(fx.container, ["securityContext"])]})
	count(security.deny_run_as_root) == 1 with input as obj
}

test_run_as_root_uid_zero if {
	fx.messages(security.deny_run_as_root) == {"container shop-api runs as UID 0"} with input as with_context({"runAsUser": 0})
}

# TREUM-SEC-002

test_privileged_no if {
	count(security.deny_privileged) == 0 with input as fx.deployment
}

test_privileged_yes if {
	results := security.deny_privileged with input as with_context({"privileged": true})
	fx.ids(results) == {"TREUM-SEC-002"}
	fx.messages(results) == {"container shop-api is privileged"}
}

# TREUM-SEC-003

test_privilege_escalation_off if {
	count(security.deny_privilege_escalation) == 0 with input as fx.deployment
}

test_privilege_escalation_unset if {
	results := security.deny_privilege_escalation with input as without_context_key("allowPrivilegeEscalation")
	fx.ids(results) == {"TREUM-SEC-003"}
}

# TREUM-SEC-004

test_capabilities_dropped if {
	count(security.deny_capabilities) == 0 with input as with_context({"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}})
}

test_capabilities_not_dropped if {
	results := security.deny_capabilities with input as with_context({"capabilities": {"drop": ["NET_RAW"]}})
	fx.ids(results) == {"TREUM-SEC-004"}
	fx.messages(results) == {"container shop-api does not drop ALL capabilities"}
}

test_capabilities_added if {
	fx.messages(security.deny_capabilities) == {"container shop-api adds capability SYS_ADMIN"} with input as with_context({"capabilities": {"drop": ["ALL"], "add": ["SYS_ADMIN"]}})
}

# TREUM-SEC-005

test_seccomp_runtime_default if {
	count(security.deny_seccomp) == 0 with input as fx.deployment
}

test_seccomp_from_the_pod if {
	count(security.deny_seccomp) == 0 with input as without_context_key("seccompProfile")
}

test_seccomp_unset_everywhere if {
	fx.messages(security.deny_seccomp) == {"container shop-api has no RuntimeDefault or Localhost seccomp profile"} with input as unhardened
}

test_seccomp_unconfined if {
	results := security.deny_seccomp with input as with_context({"seccompProfile": {"type": "Unconfined"}})
	fx.ids(results) == {"TREUM-SEC-005"}
}

# TREUM-SEC-006

test_host_access_none if {
	count(security.deny_host_access) == 0 with input as fx.deployment
}

test_host_access_network if {
	results := security.deny_host_access with input as fx.with_pod({"hostNetwork": true})
	fx.ids(results) == {"TREUM-SEC-006"}
	fx.messages(results) == {"pod uses the host's namespace (hostNetwork)"}
}

test_host_access_host_path if {
	obj := fx.with_pod({"volumes": [{"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}}]})
	fx.messages(security.deny_host_access) == {"volume docker mounts a hostPath"} with input as obj
}

# TREUM-SEC-007

test_aws_credentials_none if {
	obj := fx.with_container(object.union(fx.container, {"env": [
		{"name": "AWS_REGION", "value": "ap-south-1"},
		{"name": "AWS_ACCESS_KEY_ID", "valueFrom": {"secretKeyRef": {"name": "x", "key": "y"}}},
	]}))
	count(security.deny_aws_credentials) == 0 with input as obj
}

test_aws_credentials_by_name if {
	obj := fx.with_container(object.union(fx.container, {"env": [{"name": "AWS_SECRET_ACCESS_KEY", "value": "abc"}]}))
	results := security.deny_aws_credentials with input as obj
	fx.ids(results) == {"TREUM-SEC-007"}
	fx.messages(results) == {"container shop-api sets AWS_SECRET_ACCESS_KEY in the manifest"}
}

test_aws_credentials_by_value if {
	obj := fx.with_container(object.union(fx.container, {"env": [{"name": "S3_KEY", "value": "AKIAIOSFODNN7EXAMPLE"}]}))
	fx.messages(security.deny_aws_credentials) == {"container shop-api: environment variable S3_KEY holds an AWS access key id"} with input as obj
}

# TREUM-SEC-008

test_writable_root_read_only if {
	count(security.warn_writable_root) == 0 with input as fx.deployment
}

test_writable_root_writable if {
	results := security.warn_writable_root with input as without_context_key("readOnlyRootFilesystem")
	fx.ids(results) == {"TREUM-SEC-008"}
	{r.severity | some r in results} == {"warning"}
}

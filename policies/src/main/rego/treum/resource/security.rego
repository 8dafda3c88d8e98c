# METADATA
# title: Pod security (SEC)
# description: |
#   The Kubernetes "restricted" pod security profile, plus EKS specifics: AWS access
#   comes from IRSA roles, never from keys in the manifest.
package treum.resource.security

import data.treum.lib.k8s
import data.treum.lib.result
import data.treum.lib.subject

security_context(c) := object.get(c, "securityContext", {})

# A container's effective setting: its own securityContext wins over the pod's. Tested
# through the boolean functions below: `not effective(…) == true` would be undefined, not
# true, when neither sets the key (OPA evaluates the call outside the negation).
effective(c, key) := security_context(c)[key]

effective(c, key) := subject.pod_security_context[key] if not k8s.has_key(security_context(c), key)

runs_as_non_root(c) if effective(c, "runAsNonRoot") == true

confined(c) if effective(c, "seccompProfile").type in {"RuntimeDefault", "Localhost"}

# METADATA
# scope: document
# title: Containers run as a non-root user
# description: A process running as UID 0 that escapes its container is root on the node.
# custom:
#   id: TREUM-SEC-001
#   severity: error
#   remediation: >-
#     Set securityContext.runAsNonRoot true (pod or container) and build the image with a non-root USER.
#   waivable: true
deny_run_as_root contains result.resource_rule("TREUM-SEC-001", "error", msg) if {
	some c in subject.all_containers
	not runs_as_non_root(c)
	msg := concat("", ["container ", c.name, " may run as root (runAsNonRoot is not true)"])
}

deny_run_as_root contains result.resource_rule("TREUM-SEC-001", "error", msg) if {
	some c in subject.all_containers
	effective(c, "runAsUser") == 0
	msg := concat("", ["container ", c.name, " runs as UID 0"])
}

# METADATA
# scope: document
# title: No privileged containers
# description: A privileged container has every device and capability of the node.
# custom:
#   id: TREUM-SEC-002
#   severity: error
#   remediation: >-
#     Remove securityContext.privileged; grant the single capability the process needs instead.
#   waivable: false
deny_privileged contains result.resource_rule("TREUM-SEC-002", "error", msg) if {
	some c in subject.all_containers
	security_context(c).privileged == true
	msg := concat("", ["container ", c.name, " is privileged"])
}

# METADATA
# scope: document
# title: Containers cannot escalate privileges
# description: Without allowPrivilegeEscalation false, setuid binaries in the image can gain privileges.
# custom:
#   id: TREUM-SEC-003
#   severity: error
#   remediation: >-
#     Set securityContext.allowPrivilegeEscalation false on every container.
#   waivable: true
deny_privilege_escalation contains result.resource_rule("TREUM-SEC-003", "error", msg) if {
	some c in subject.all_containers
	not security_context(c).allowPrivilegeEscalation == false
	msg := concat("", ["container ", c.name, " does not set allowPrivilegeEscalation false"])
}

# METADATA
# scope: document
# title: Containers drop all capabilities
# description: Containers start with a default capability set; drop ALL and add back at most NET_BIND_SERVICE.
# custom:
#   id: TREUM-SEC-004
#   severity: error
#   remediation: >-
#     Set securityContext.capabilities.drop [ALL]; add only NET_BIND_SERVICE when binding ports below 1024.
#   waivable: true
deny_capabilities contains result.resource_rule("TREUM-SEC-004", "error", msg) if {
	some c in subject.all_containers
	not "ALL" in object.get(security_context(c), ["capabilities", "drop"], [])
	msg := concat("", ["container ", c.name, " does not drop ALL capabilities"])
}

deny_capabilities contains result.resource_rule("TREUM-SEC-004", "error", msg) if {
	some c in subject.all_containers
	some added in object.get(security_context(c), ["capabilities", "add"], [])
	added != "NET_BIND_SERVICE"
	msg := concat("", ["container ", c.name, " adds capability ", added])
}

# METADATA
# scope: document
# title: Containers use the RuntimeDefault seccomp profile
# description: Unconfined containers can call every syscall, including the ones container escapes use.
# custom:
#   id: TREUM-SEC-005
#   severity: error
#   remediation: >-
#     Set securityContext.seccompProfile.type RuntimeDefault (or Localhost) on the pod or the container.
#   waivable: true
deny_seccomp contains result.resource_rule("TREUM-SEC-005", "error", msg) if {
	some c in subject.all_containers
	not confined(c)
	msg := concat("", ["container ", c.name, " has no RuntimeDefault or Localhost seccomp profile"])
}

# METADATA
# scope: document
# title: No host namespaces or hostPath volumes
# description: Host network, PID and IPC namespaces and hostPath mounts break the isolation between a pod and its node.
# custom:
#   id: TREUM-SEC-006
#   severity: error
#   remediation: >-
#     Remove hostNetwork, hostPID, hostIPC and hostPath volumes; use a Service, a CSI volume or an emptyDir instead.
#   waivable: true
deny_host_access contains result.resource_rule("TREUM-SEC-006", "error", msg) if {
	spec := subject.pod_spec
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	spec[field] == true
	msg := concat("", ["pod uses the host's namespace (", field, ")"])
}

deny_host_access contains result.resource_rule("TREUM-SEC-006", "error", msg) if {
	some volume in object.get(subject.pod_spec, "volumes", [])
	volume.hostPath
	msg := concat("", ["volume ", volume.name, " mounts a hostPath"])
}

# METADATA
# scope: document
# title: No static AWS credentials in the manifest
# description: |
#   Keys in environment variables end up in git, in Argo CD and in every pod describe.
#   Pods get AWS access from an IAM role for their service account (IRSA).
# custom:
#   id: TREUM-SEC-007
#   severity: error
#   remediation: >-
#     Remove the key from the manifest, rotate it, and give the service account an IAM role (eks.amazonaws.com/role-arn; treum definition .iamRole(…)).
#   waivable: false
deny_aws_credentials contains result.resource_rule("TREUM-SEC-007", "error", msg) if {
	some c in subject.all_containers
	some var in object.get(c, "env", [])
	var.name in {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}
	var.value != ""
	msg := concat("", ["container ", c.name, " sets ", var.name, " in the manifest"])
}

deny_aws_credentials contains result.resource_rule("TREUM-SEC-007", "error", msg) if {
	some c in subject.all_containers
	some var in object.get(c, "env", [])
	not var.name in {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}
	regex.match(`(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}([^A-Z0-9]|$)`, object.get(var, "value", ""))
	msg := concat("", ["container ", c.name, ": environment variable ", var.name, " holds an AWS access key id"])
}

# METADATA
# scope: document
# title: Containers have a read-only root filesystem
# description: A writable root filesystem lets an attacker drop tools into the container; write to an emptyDir instead.
# custom:
#   id: TREUM-SEC-008
#   severity: warning
#   remediation: >-
#     Set securityContext.readOnlyRootFilesystem true and mount an emptyDir where the process writes.
#   waivable: true
warn_writable_root contains result.resource_rule("TREUM-SEC-008", "warning", msg) if {
	some c in subject.all_containers
	not security_context(c).readOnlyRootFilesystem == true
	msg := concat("", ["container ", c.name, " has a writable root filesystem"])
}

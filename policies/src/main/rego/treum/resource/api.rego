# METADATA
# title: API usage (API)
# description: Objects the clusters (EKS 1.32 and later) accept, in namespaces that are owned.
package treum.resource.api

import data.treum.lib.apis
import data.treum.lib.result
import data.treum.lib.subject

# METADATA
# scope: document
# title: No deprecated or removed API versions
# description: Removed versions fail at sync time in Argo CD; deprecated ones fail at the next cluster upgrade.
# custom:
#   id: TREUM-API-001
#   severity: error
#   remediation: >-
#     Use the replacement apiVersion named in the message (kubectl convert helps).
#   waivable: false
deny_deprecated_api contains result.resource_rule("TREUM-API-001", "error", msg) if {
	replacement := apis.replacement(input.apiVersion, input.kind)
	msg := concat("", [input.apiVersion, " ", input.kind, " is deprecated or removed; use ", replacement])
}

# METADATA
# scope: document
# title: Nothing goes into the default namespace
# description: The default namespace has no owner, no quotas, no network policies and no Istio injection label.
# custom:
#   id: TREUM-API-002
#   severity: error
#   remediation: >-
#     Set the namespace (overlay kustomization namespace, or the treum environment's .namespace(…)).
#   waivable: true
deny_default_namespace contains result.resource_rule("TREUM-API-002", "error", msg) if {
	subject.namespace == "default"
	msg := "object is in the default namespace"
}

package treum.lib.apis_test

import data.treum.lib.apis

# Every removed apiVersion/kind and its replacement, as the rule's messages name them.
removed := [
	["admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", "admissionregistration.k8s.io/v1"],
	["admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", "admissionregistration.k8s.io/v1"],
	["apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "apiextensions.k8s.io/v1"],
	["apps/v1beta1", "Deployment", "apps/v1"],
	["apps/v1beta1", "StatefulSet", "apps/v1"],
	["apps/v1beta2", "DaemonSet", "apps/v1"],
	["apps/v1beta2", "Deployment", "apps/v1"],
	["apps/v1beta2", "ReplicaSet", "apps/v1"],
	["apps/v1beta2", "StatefulSet", "apps/v1"],
	["autoscaling.k8s.io/v1beta2", "VerticalPodAutoscaler", "autoscaling.k8s.io/v1"],
	["autoscaling/v2beta1", "HorizontalPodAutoscaler", "autoscaling/v2"],
	["autoscaling/v2beta2", "HorizontalPodAutoscaler", "autoscaling/v2"],
	["batch/v1beta1", "CronJob", "batch/v1"],
	["extensions/v1beta1", "DaemonSet", "apps/v1"],
	["extensions/v1beta1", "Deployment", "apps/v1"],
	["extensions/v1beta1", "Ingress", "networking.k8s.io/v1"],
	["extensions/v1beta1", "NetworkPolicy", "networking.k8s.io/v1"],
	["extensions/v1beta1", "PodSecurityPolicy", "(removed, use Pod Security Admission)"],
	["extensions/v1beta1", "ReplicaSet", "apps/v1"],
	["flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", "flowcontrol.apiserver.k8s.io/v1"],
	["flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", "flowcontrol.apiserver.k8s.io/v1"],
	["networking.istio.io/v1alpha3", "DestinationRule", "networking.istio.io/v1"],
	["networking.istio.io/v1alpha3", "Gateway", "networking.istio.io/v1"],
	["networking.istio.io/v1alpha3", "ServiceEntry", "networking.istio.io/v1"],
	["networking.istio.io/v1alpha3", "VirtualService", "networking.istio.io/v1"],
	["networking.k8s.io/v1beta1", "Ingress", "networking.k8s.io/v1"],
	["networking.k8s.io/v1beta1", "IngressClass", "networking.k8s.io/v1"],
	["policy/v1beta1", "PodDisruptionBudget", "policy/v1"],
	["policy/v1beta1", "PodSecurityPolicy", "(removed, use Pod Security Admission)"],
	["rbac.authorization.k8s.io/v1beta1", "ClusterRole", "rbac.authorization.k8s.io/v1"],
	["rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", "rbac.authorization.k8s.io/v1"],
	["rbac.authorization.k8s.io/v1beta1", "Role", "rbac.authorization.k8s.io/v1"],
	["rbac.authorization.k8s.io/v1beta1", "RoleBinding", "rbac.authorization.k8s.io/v1"],
	["security.istio.io/v1beta1", "AuthorizationPolicy", "security.istio.io/v1"],
	["security.istio.io/v1beta1", "PeerAuthentication", "security.istio.io/v1"],
	["storage.k8s.io/v1beta1", "CSIDriver", "storage.k8s.io/v1"],
	["storage.k8s.io/v1beta1", "CSIStorageCapacity", "storage.k8s.io/v1"],
	["storage.k8s.io/v1beta1", "StorageClass", "storage.k8s.io/v1"],
]

test_every_removed_version_has_its_replacement if {
	every entry in removed {
		apis.replacement(entry[0], entry[1]) == entry[2]
	}
}

test_current_versions_are_not_removed if {
	not apis.replacement("apps/v1", "Deployment")
	not apis.replacement("policy/v1beta1", "Deployment")
}

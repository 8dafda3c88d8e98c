# METADATA
# title: Kubernetes and Istio API versions
# description: The API versions TREUM's clusters no longer serve (or will not after the next upgrade).
package treum.lib.apis

# The apiVersion to use instead of a removed (or soon removed) apiVersion of a kind.
# Functions of constant arguments rather than one object literal: a literal would be
# rebuilt for every object the gate evaluates.
replacement("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration") := "admissionregistration.k8s.io/v1"

replacement("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration") := "admissionregistration.k8s.io/v1"

replacement("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition") := "apiextensions.k8s.io/v1"

replacement("apps/v1beta1", "Deployment") := "apps/v1"

replacement("apps/v1beta1", "StatefulSet") := "apps/v1"

replacement("apps/v1beta2", "DaemonSet") := "apps/v1"

replacement("apps/v1beta2", "Deployment") := "apps/v1"

replacement("apps/v1beta2", "ReplicaSet") := "apps/v1"

replacement("apps/v1beta2", "StatefulSet") := "apps/v1"

replacement("autoscaling.k8s.io/v1beta2", "VerticalPodAutoscaler") := "autoscaling.k8s.io/v1"

replacement("autoscaling/v2beta1", "HorizontalPodAutoscaler") := "autoscaling/v2"

replacement("autoscaling/v2beta2", "HorizontalPodAutoscaler") := "autoscaling/v2"

replacement("batch/v1beta1", "CronJob") := "batch/v1"

replacement("extensions/v1beta1", "DaemonSet") := "apps/v1"

replacement("extensions/v1beta1", "Deployment") := "apps/v1"

replacement("extensions/v1beta1", "Ingress") := "networking.k8s.io/v1"

replacement("extensions/v1beta1", "NetworkPolicy") := "networking.k8s.io/v1"

replacement("extensions/v1beta1", "PodSecurityPolicy") := "(removed, use Pod Security Admission)"

replacement("extensions/v1beta1", "ReplicaSet") := "apps/v1"

replacement("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema") := "flowcontrol.apiserver.k8s.io/v1"

replacement("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration") := "flowcontrol.apiserver.k8s.io/v1"

replacement("networking.istio.io/v1alpha3", "DestinationRule") := "networking.istio.io/v1"

replacement("networking.istio.io/v1alpha3", "Gateway") := "networking.istio.io/v1"

replacement("networking.istio.io/v1alpha3", "ServiceEntry") := "networking.istio.io/v1"

replacement("networking.istio.io/v1alpha3", "VirtualService") := "networking.istio.io/v1"

replacement("networking.k8s.io/v1beta1", "Ingress") := "networking.k8s.io/v1"

replacement("networking.k8s.io/v1beta1", "IngressClass") := "networking.k8s.io/v1"

replacement("policy/v1beta1", "PodDisruptionBudget") := "policy/v1"

replacement("policy/v1beta1", "PodSecurityPolicy") := "(removed, use Pod Security Admission)"

replacement("rbac.authorization.k8s.io/v1beta1", "ClusterRole") := "rbac.authorization.k8s.io/v1"

replacement("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding") := "rbac.authorization.k8s.io/v1"

replacement("rbac.authorization.k8s.io/v1beta1", "Role") := "rbac.authorization.k8s.io/v1"

replacement("rbac.authorization.k8s.io/v1beta1", "RoleBinding") := "rbac.authorization.k8s.io/v1"

replacement("security.istio.io/v1beta1", "AuthorizationPolicy") := "security.istio.io/v1"

replacement("security.istio.io/v1beta1", "PeerAuthentication") := "security.istio.io/v1"

replacement("storage.k8s.io/v1beta1", "CSIDriver") := "storage.k8s.io/v1"

replacement("storage.k8s.io/v1beta1", "CSIStorageCapacity") := "storage.k8s.io/v1"

replacement("storage.k8s.io/v1beta1", "StorageClass") := "storage.k8s.io/v1"

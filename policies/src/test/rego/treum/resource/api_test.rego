package treum.resource.api_test

import data.treum.fixtures as fx
import data.treum.resource.api

# TREUM-API-001

test_deprecated_api_current if {
	every obj in [fx.deployment, fx.hpa, fx.pdb, fx.cronjob, fx.vpa] {
		count(api.deny_deprecated_api) == 0 with input as obj
	}
}

test_deprecated_api_removed_versions if {
	results := api.deny_deprecated_api with input as object.union(fx.hpa, {"apiVersion": "autoscaling/v2beta2"})
	fx.ids(results) == {"TREUM-API-001"}
	fx.messages(results) == {"autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated or removed; use autoscaling/v2"}
	fx.messages(api.deny_deprecated_api) == {"policy/v1beta1 PodDisruptionBudget is deprecated or removed; use policy/v1"} with input as object.union(fx.pdb, {"apiVersion": "policy/v1beta1"})
}

# TREUM-API-002

test_default_namespace_not_used if {
	count(api.deny_default_namespace) == 0 with input as fx.deployment
	count(api.deny_default_namespace) == 0 with input as {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}
}

test_default_namespace_used if {
	results := api.deny_default_namespace with input as object.union(fx.deployment, {"metadata": {"namespace": "default"}})
	fx.ids(results) == {"TREUM-API-002"}
	fx.messages(results) == {"object is in the default namespace"}
}

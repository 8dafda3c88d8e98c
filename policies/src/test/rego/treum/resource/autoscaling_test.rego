package treum.resource.autoscaling_test

import data.treum.fixtures as fx
import data.treum.resource.autoscaling

hpa_with(spec) := object.union(fx.hpa, {"spec": spec})

# TREUM-HPA-003

test_min_below_zones_enough if {
	count(autoscaling.deny_min_below_zones) == 0 with input as fx.hpa with data.treum.environment as fx.production
}

test_min_below_zones_too_few if {
	results := autoscaling.deny_min_below_zones with input as hpa_with({"minReplicas": 2}) with data.treum.environment as fx.production
	fx.ids(results) == {"TREUM-HPA-003"}
	fx.messages(results) == {"minReplicas 2 is below the number of availability zones (3)"}
}

test_min_below_zones_default_min_is_one if {
	fx.messages(autoscaling.deny_min_below_zones) == {"minReplicas 1 is below the number of availability zones (3)"} with input as json.remove(fx.hpa, ["spec/minReplicas"])
		with data.treum.environment as fx.production
}

test_min_below_zones_outside_production if {
	count(autoscaling.deny_min_below_zones) == 0 with input as hpa_with({"minReplicas": 1}) with data.treum.environment as fx.staging
}

test_min_below_zones_parameter_as_string if {
	environment := object.union(fx.production, {"parameters": {"zones": "2"}})
	count(autoscaling.deny_min_below_zones) == 0 with input as hpa_with({"minReplicas": 2}) with data.treum.environment as environment
}

# TREUM-HPA-004

test_cannot_scale_range if {
	count(autoscaling.deny_cannot_scale) == 0 with input as fx.hpa
}

test_cannot_scale_max_equals_min if {
	results := autoscaling.deny_cannot_scale with input as hpa_with({"minReplicas": 4, "maxReplicas": 4})
	fx.ids(results) == {"TREUM-HPA-004"}
	fx.messages(results) == {"maxReplicas 4 is not above minReplicas 4"}
}

# TREUM-HPA-007

test_standby_hpa_in_the_primary if {
	count(autoscaling.deny_standby_hpa) == 0 with input as fx.hpa with data.treum.environment as fx.production
}

test_standby_hpa_in_the_standby if {
	results := autoscaling.deny_standby_hpa with input as fx.hpa with data.treum.environment as fx.dr
	fx.ids(results) == {"TREUM-HPA-007"}
	fx.messages(results) == {"standby environment dr must not autoscale"}
}

# TREUM-VPA-004

test_vpa_unbounded_bounded if {
	count(autoscaling.warn_vpa_unbounded) == 0 with input as fx.vpa
}

test_vpa_unbounded_memory if {
	obj := json.remove(fx.vpa, ["spec/resourcePolicy/containerPolicies/0/maxAllowed/memory"])
	results := autoscaling.warn_vpa_unbounded with input as obj
	fx.ids(results) == {"TREUM-VPA-004"}
	fx.messages(results) == {"no container policy bounds memory (maxAllowed)"}
}

test_vpa_unbounded_without_policies if {
	count(autoscaling.warn_vpa_unbounded) == 2 with input as json.remove(fx.vpa, ["spec/resourcePolicy"])
}

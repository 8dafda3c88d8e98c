package treum.lib.env_test

import data.treum.fixtures as fx
import data.treum.lib.env

test_defaults_without_data if {
	env.name == ""
	env.role == "primary"
	not env.is_standby
	env.is_production
	env.zones == 3
	env.capacity_factor == 0.3
	env.meshed
	count(env.objects) == 0
	count(env.environments) == 0
}

test_tier if {
	env.is_production with data.treum.environment as {"parameters": {"tier": "production"}}
	not env.is_production with data.treum.environment as {"parameters": {"tier": "non-production"}}
}

test_number_parameters if {
	env.zones == 2 with data.treum.environment as {"parameters": {"zones": "2"}}
	env.capacity_factor == 0.5 with data.treum.environment as {"parameters": {"capacityFactor": 0.5}}
}

test_quantity_lookup if {
	env.quantity(2) == 2
	env.quantity("500m") == 0.5 with data.treum.quantities as fx.quantities
	not env.quantity("500m")
}

test_primary_of_a_standby if {
	env.primary_of_standby == "production" with data.treum.environment as fx.dr
	env.primary_of_standby == "production" with data.treum.environment as {"role": "standby"}
		with data.treum.environments as [fx.production, {"name": "dr", "role": "standby"}]
	not env.primary_of_standby with data.treum.environment as {"role": "standby"}
		with data.treum.environments as [fx.production, fx.staging]
}

test_node_group if {
	env.node_group(fx.deployment) == "default"
	env.node_group(fx.with_pod({"nodeSelector": {"eks.amazonaws.com/nodegroup": "batch-spot"}})) == "batch-spot"
	env.node_group(fx.with_pod({"nodeSelector": {"eks.amazonaws.com/nodegroup": "b", "treum.io/node-group": "a"}})) == "a"
}

test_today if {
	env.today == "2026-01-01" with data.treum.now as fx.now
}

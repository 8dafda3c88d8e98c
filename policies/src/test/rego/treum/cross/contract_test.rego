package treum.cross.contract_test

import data.treum.cross.contract
import data.treum.fixtures as fx

in_production(objects) := fx.holding(fx.production, objects)

# TREUM-GATE-001

test_quantities_all_normalised if {
	numeric := fx.with_container(fx.container_replacing("resources", {"requests": {"cpu": 2, "memory": "1Gi"}}))
	count(contract.deny_unnormalised_quantity) == 0 with data.treum.environment as in_production([fx.deployment, numeric, fx.vpa])
		with data.treum.quantities as fx.quantities
}

test_quantities_container_not_normalised if {
	odd := fx.with_container(fx.container_replacing("resources", {"requests": {"cpu": "1500m", "memory": "1Gi"}}))
	results := contract.deny_unnormalised_quantity with data.treum.environment as in_production([odd])
		with data.treum.quantities as fx.quantities
	fx.ids(results) == {"TREUM-GATE-001"}
	fx.messages(results) == {"container shop-api resources.requests.cpu '1500m' is not in the engine's quantity table"}
}

test_quantities_vpa_not_normalised if {
	vpa := json.patch(fx.vpa, [{"op": "add", "path": "/spec/resourcePolicy/containerPolicies/0/minAllowed", "value": {"memory": "300Mi"}}])
	fx.messages(contract.deny_unnormalised_quantity) == {"container policy shop-api minAllowed.memory '300Mi' is not in the engine's quantity table"} with data.treum.environment as in_production([vpa])
		with data.treum.quantities as fx.quantities
}

test_quantities_without_a_table if {
	count(contract.deny_unnormalised_quantity) == 4 with data.treum.environment as in_production([fx.deployment])
}

package treum.cross.disruption_test

import data.treum.cross.disruption
import data.treum.fixtures as fx

in_production(objects) := fx.holding(fx.production, objects)

# The PDB with another spec; the selector stays unless the spec brings its own.
pdb_with(spec) := object.union(object.remove(fx.pdb, ["spec"]), {"spec": object.union({"selector": object.get(spec, "selector", fx.selector)}, spec)})

without_spread := json.remove(fx.fixed(3), ["spec/template/spec/topologySpreadConstraints"])

# TREUM-PDB-001

test_pdb_present if {
	count(disruption.deny_pdb_missing) == 0 with data.treum.environment as in_production(fx.service_objects)
	count(disruption.deny_pdb_missing) == 0 with data.treum.environment as in_production([fx.fixed(1)])
}

test_pdb_missing_for_replicas if {
	results := disruption.deny_pdb_missing with data.treum.environment as in_production([fx.fixed(2)])
	fx.ids(results) == {"TREUM-PDB-001"}
	fx.messages(results) == {"runs 2 or more pods but no PodDisruptionBudget selects them"}
}

test_pdb_missing_under_an_hpa if {
	fx.messages(disruption.deny_pdb_missing) == {"runs 3 or more pods but no PodDisruptionBudget selects them"} with data.treum.environment as in_production([fx.deployment, fx.hpa])
}

test_pdb_in_another_namespace_does_not_count if {
	pdb := object.union(fx.pdb, {"metadata": {"namespace": "other"}})
	count(disruption.deny_pdb_missing) == 1 with data.treum.environment as in_production([fx.fixed(3), pdb])
}

test_pdb_selecting_by_expression if {
	pdb := pdb_with({"selector": {"matchExpressions": [{"key": "app.kubernetes.io/name", "operator": "In", "values": ["shop-api"]}]}})
	count(disruption.deny_pdb_missing) == 0 with data.treum.environment as in_production([fx.fixed(3), pdb])
}

# TREUM-PDB-002

test_pdb_allows_disruption if {
	every spec in [{"maxUnavailable": 1}, {"maxUnavailable": "10%"}, {"minAvailable": 2}, {"minAvailable": "50%"}] {
		count(disruption.deny_pdb_blocks_disruption) == 0 with data.treum.environment as in_production([fx.fixed(3), pdb_with(spec)])
	}
}

test_pdb_blocks_disruption if {
	every spec in [{"maxUnavailable": 0}, {"maxUnavailable": "0%"}, {"minAvailable": 3}, {"minAvailable": "100%"}, {"minAvailable": "67%"}] {
		fx.messages(disruption.deny_pdb_blocks_disruption) == {"allows no voluntary disruption of Deployment shop/shop-api at its smallest scale of 3 pods"} with data.treum.environment as in_production([fx.fixed(3), pdb_with(spec)])
	}
}

test_pdb_blocks_at_the_hpa_minimum if {
	results := disruption.deny_pdb_blocks_disruption with data.treum.environment as in_production([fx.deployment, fx.hpa, pdb_with({"minAvailable": 3})])
	fx.ids(results) == {"TREUM-PDB-002"}
	{r.object.kind | some r in results} == {"PodDisruptionBudget"}
}

# TREUM-PDB-003

test_pdb_selects_a_workload if {
	count(disruption.warn_pdb_selects_nothing) == 0 with data.treum.environment as in_production(fx.service_objects)
	by_expression := pdb_with({"selector": {"matchExpressions": [{"key": "team", "operator": "Exists"}]}})
	count(disruption.warn_pdb_selects_nothing) == 0 with data.treum.environment as in_production([fx.deployment, by_expression])
}

test_pdb_selects_nothing if {
	stale := pdb_with({"selector": {"matchLabels": {"app.kubernetes.io/name": "shop-web"}}})
	results := disruption.warn_pdb_selects_nothing with data.treum.environment as in_production([fx.deployment, stale])
	fx.ids(results) == {"TREUM-PDB-003"}
	fx.messages(results) == {"selects the pods of no workload in its namespace"}
}

test_pdb_selects_nothing_by_expression if {
	stale := pdb_with({"selector": {"matchExpressions": [{"key": "tier", "operator": "Exists"}]}})
	count(disruption.warn_pdb_selects_nothing) == 1 with data.treum.environment as in_production([fx.deployment, stale])
}

# TREUM-AZ-001

test_zone_spread_present if {
	count(disruption.deny_zone_spread) == 0 with data.treum.environment as in_production([fx.fixed(3)])
	count(disruption.deny_zone_spread) == 0 with data.treum.environment as in_production([json.remove(fx.fixed(1), ["spec/template/spec/topologySpreadConstraints"])])
}

test_zone_spread_missing if {
	results := disruption.deny_zone_spread with data.treum.environment as in_production([without_spread])
	fx.ids(results) == {"TREUM-AZ-001"}
	fx.messages(results) == {"replicas are not spread over availability zones (topology.kubernetes.io/zone)"}
}

test_zone_spread_by_anti_affinity if {
	required := object.union(without_spread, {"spec": {"template": {"spec": {"affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{"labelSelector": fx.selector, "topologyKey": "topology.kubernetes.io/zone"}]}}}}}})
	preferred := object.union(without_spread, {"spec": {"template": {"spec": {"affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100, "podAffinityTerm": {"labelSelector": fx.selector, "topologyKey": "topology.kubernetes.io/zone"}}]}}}}}})
	count(disruption.deny_zone_spread) == 0 with data.treum.environment as in_production([required])
	count(disruption.deny_zone_spread) == 0 with data.treum.environment as in_production([preferred])
}

# TREUM-AZ-002

test_host_spread_present if {
	count(disruption.warn_host_spread) == 0 with data.treum.environment as in_production([fx.fixed(3)])
}

test_host_spread_missing if {
	results := disruption.warn_host_spread with data.treum.environment as in_production([without_spread])
	fx.ids(results) == {"TREUM-AZ-002"}
	{r.severity | some r in results} == {"info"}
}

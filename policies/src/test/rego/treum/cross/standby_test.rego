package treum.cross.standby_test

import data.treum.cross.standby
import data.treum.fixtures as fx

dr_with(objects) := fx.holding(fx.dr, objects)

production_with(objects) := fx.holding(fx.production, objects)

# TREUM-REL-002

test_standby_replicas_share_of_the_hpa_minimum if {
	production := production_with(fx.service_objects)
	dr := dr_with([fx.fixed(1)])
	count(standby.warn_standby_replicas) == 0 with data.treum.environment as dr with data.treum.environments as [production, dr]
}

test_standby_replicas_share_of_fixed_replicas if {
	production := production_with([fx.fixed(10)])
	dr := dr_with([fx.fixed(3)])
	count(standby.warn_standby_replicas) == 0 with data.treum.environment as dr with data.treum.environments as [production, dr]
}

test_standby_replicas_too_many if {
	production := production_with(fx.service_objects)
	dr := dr_with([fx.fixed(3)])
	results := standby.warn_standby_replicas with data.treum.environment as dr with data.treum.environments as [production, dr]
	fx.ids(results) == {"TREUM-REL-002"}
	fx.messages(results) == {"runs 3 replicas; 30% of the primary's minimum of 3 is 1"}
}

test_standby_replicas_never_zero if {
	production := production_with([fx.fixed(2)])
	dr := dr_with([fx.fixed(0)])
	count(standby.warn_standby_replicas) == 1 with data.treum.environment as dr with data.treum.environments as [production, dr]
}

test_standby_replicas_primary_found_by_role if {
	production := production_with([fx.fixed(10)])
	dr := object.union(dr_with([fx.fixed(1)]), {"parameters": {"primary": null}})
	plain := object.union(object.remove(dr, ["parameters"]), {"parameters": {"capacityFactor": 0.3}})
	fx.messages(standby.warn_standby_replicas) == {"runs 1 replicas; 30% of the primary's minimum of 10 is 3"} with data.treum.environment as plain with data.treum.environments as [production, plain]
}

test_standby_replicas_not_checked_in_the_primary if {
	production := production_with([fx.fixed(10)])
	dr := dr_with([fx.fixed(1)])
	count(standby.warn_standby_replicas) == 0 with data.treum.environment as production with data.treum.environments as [production, dr]
}

# TREUM-REL-003

test_missing_in_standby_present if {
	production := production_with(fx.service_objects)
	dr := dr_with([fx.fixed(1)])
	count(standby.deny_missing_in_standby) == 0 with data.treum.environment as production with data.treum.environments as [production, dr]
}

test_missing_in_standby_absent if {
	production := production_with(fx.service_objects)
	dr := dr_with([])
	results := standby.deny_missing_in_standby with data.treum.environment as production with data.treum.environments as [production, dr]
	fx.ids(results) == {"TREUM-REL-003"}
	fx.messages(results) == {"has no counterpart in standby environment dr"}
	{r.object.kind | some r in results} == {"Deployment"}
}

test_missing_in_standby_mirroring_the_only_primary if {
	production := production_with(fx.service_objects)
	dr := object.union(object.remove(dr_with([]), ["parameters"]), {"parameters": {}})
	count(standby.deny_missing_in_standby) == 1 with data.treum.environment as production with data.treum.environments as [production, dr]
}

test_missing_in_standby_of_another_primary if {
	production := production_with(fx.service_objects)
	other := object.union(dr_with([]), {"parameters": {"primary": "eu-production"}})
	count(standby.deny_missing_in_standby) == 0 with data.treum.environment as production with data.treum.environments as [production, other]
}

test_missing_in_standby_not_checked_in_the_standby if {
	production := production_with([])
	dr := dr_with([fx.fixed(1)])
	count(standby.deny_missing_in_standby) == 0 with data.treum.environment as dr with data.treum.environments as [production, dr]
}

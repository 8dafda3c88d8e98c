package treum.cross.capacity_test

import data.treum.cross.capacity
import data.treum.fixtures as fx

in_production(objects) := fx.holding(fx.production, objects)

spot(obj) := object.union(obj, {"spec": {"template": {"spec": {"nodeSelector": {"eks.amazonaws.com/capacityType": "SPOT"}}}}})

# TREUM-CAP-002

test_spot_replicated_deployment if {
	count(capacity.deny_spot_singleton) == 0 with data.treum.environment as in_production([spot(fx.fixed(3))])
	count(capacity.deny_spot_singleton) == 0 with data.treum.environment as in_production([fx.fixed(1)])
}

test_spot_singleton if {
	results := capacity.deny_spot_singleton with data.treum.environment as in_production([spot(fx.fixed(1))])
	fx.ids(results) == {"TREUM-CAP-002"}
	fx.messages(results) == {"runs 1 pod on spot capacity; an interruption is an outage"}
}

test_spot_stateful_set if {
	statefulset := object.union(spot(fx.fixed(3)), {"kind": "StatefulSet"})
	fx.messages(capacity.deny_spot_singleton) == {"StatefulSet runs on spot capacity"} with data.treum.environment as in_production([statefulset])
}

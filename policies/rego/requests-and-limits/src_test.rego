package tsrequestsandlimits

import rego.v1

full := {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}}

pod(resources) := {"kind": "Pod", "metadata": {"name": "app"}, "spec": {"containers": [{"name": "app", "image": "app:1.0.0", "resources": resources}]}}

test_requests_and_limits_are_allowed if {
	inp := {"review": {"object": pod(full)}}
	count(violation) == 0 with input as inp
}

test_numeric_quantities_are_allowed if {
	inp := {"review": {"object": pod({"requests": {"cpu": 1, "memory": "1Gi"}, "limits": {"cpu": 2, "memory": "1Gi"}})}}
	count(violation) == 0 with input as inp
}

test_missing_limits_are_denied if {
	inp := {"review": {"object": pod({"requests": {"cpu": "250m", "memory": "256Mi"}})}}
	count(violation) == 2 with input as inp
}

test_no_resources_at_all_is_denied_four_times if {
	inp := {"review": {"object": {"kind": "Pod", "metadata": {"name": "app"}, "spec": {"containers": [{"name": "app", "image": "app:1.0.0"}]}}}}
	count(violation) == 4 with input as inp
}

test_init_container_without_memory_limit_is_denied if {
	deployment := {
		"kind": "Deployment",
		"metadata": {"name": "app"},
		"spec": {"template": {"spec": {
			"initContainers": [{"name": "migrate", "image": "migrate:1.0.0", "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"cpu": "100m"}}}],
			"containers": [{"name": "app", "image": "app:1.0.0", "resources": full}],
		}}},
	}
	inp := {"review": {"object": deployment}}
	count(violation) == 1 with input as inp
}

test_ephemeral_debug_container_is_not_checked if {
	obj := {"kind": "Pod", "metadata": {"name": "app"}, "spec": {
		"containers": [{"name": "app", "image": "app:1.0.0", "resources": full}],
		"ephemeralContainers": [{"name": "debugger", "image": "busybox:1.36.1"}],
	}}
	inp := {"review": {"object": obj}}
	count(violation) == 0 with input as inp
}

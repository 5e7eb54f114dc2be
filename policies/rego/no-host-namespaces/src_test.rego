package tsnohostnamespaces

import rego.v1

pod(extra) := {"kind": "Pod", "metadata": {"name": "app"}, "spec": object.union({"containers": [{"name": "app", "image": "app:1.0.0"}]}, extra)}

test_pod_in_its_own_namespaces_is_allowed if {
	inp := {"review": {"object": pod({})}}
	count(violation) == 0 with input as inp
}

test_explicit_false_is_allowed if {
	inp := {"review": {"object": pod({"hostNetwork": false, "hostPID": false, "hostIPC": false})}}
	count(violation) == 0 with input as inp
}

test_host_network_is_denied if {
	inp := {"review": {"object": pod({"hostNetwork": true})}}
	count(violation) == 1 with input as inp
}

test_each_host_namespace_is_reported if {
	inp := {"review": {"object": pod({"hostNetwork": true, "hostPID": true, "hostIPC": true})}}
	count(violation) == 3 with input as inp
}

test_statefulset_template_with_host_pid_is_denied if {
	statefulset := {"kind": "StatefulSet", "metadata": {"name": "db"}, "spec": {"template": {"spec": {"hostPID": true, "containers": []}}}}
	inp := {"review": {"object": statefulset}}
	count(violation) == 1 with input as inp
}

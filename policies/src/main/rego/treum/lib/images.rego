# METADATA
# title: Container image references
# description: Parses `[registry/]repository[:tag][@digest]` the way container runtimes do.
package treum.lib.images

# {registry, repository, tag, digest}; tag and digest are "" when absent, and an image
# without a registry host comes from Docker Hub ("docker.io").
parse(image) := {
	"registry": registry(parts),
	"repository": concat("/", array.concat(array.slice(p, 0, count(p) - 1), [split(last, ":")[0]])),
	"tag": tag_of(last),
	"digest": digest(image),
} if {
	parts := split(split(image, "@")[0], "/")
	p := path(parts)
	last := p[count(p) - 1]
}

digest(image) := split(image, "@")[1] if contains(image, "@")

digest(image) := "" if not contains(image, "@")

# A first path component names a registry host when it has a dot or a port, or is localhost.
has_registry(parts) if {
	count(parts) > 1
	host := parts[0]
	host_like(host)
}

host_like(host) if contains(host, ".")

host_like(host) if contains(host, ":")

host_like("localhost")

registry(parts) := parts[0] if has_registry(parts)

registry(parts) := "docker.io" if not has_registry(parts)

path(parts) := array.slice(parts, 1, count(parts)) if has_registry(parts)

path(parts) := parts if not has_registry(parts)

tag_of(last) := split(last, ":")[1] if contains(last, ":")

tag_of(last) := "" if not contains(last, ":")

# Account and region of a private ECR registry host, e.g.
# 111122223333.dkr.ecr.ap-south-1.amazonaws.com -> {"account": "111122223333", "region": "ap-south-1"}.
ecr(host) := {"account": m[1], "region": m[2]} if {
	some m in regex.find_all_string_submatch_n(`^([0-9]{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$`, host, 1)
}

# A release tag that is never moved: semantic version, or a commit SHA.
immutable_tag(tag) if regex.match(`^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$`, tag)

immutable_tag(tag) if regex.match(`^[0-9a-f]{7,40}$`, tag)

// Command kustomize-schema writes the part of Kustomize's built-in OpenAPI schema that decides
// how a strategic-merge patch treats each field: which lists merge (and by which keys) and
// which are replaced wholesale. treum's renderer and Java Kustomize builder read the JSON it
// writes, so both agree with the exact schema `kustomize build` uses.
//
// Usage: go run . > ../../generator/src/main/resources/io/treum/gitops/kustomize/merge-schema.json
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"k8s.io/kube-openapi/pkg/validation/spec"
	"sigs.k8s.io/kustomize/kyaml/openapi"
)

type field struct {
	Type       string   `json:"type,omitempty"`
	Ref        string   `json:"ref,omitempty"`
	Items      *field   `json:"items,omitempty"`
	Additional *field   `json:"additional,omitempty"`
	Strategy   string   `json:"strategy,omitempty"`
	Keys       []string `json:"keys,omitempty"`
}

type output struct {
	Source      string                      `json:"source"`
	Kinds       map[string]string           `json:"kinds"`
	Definitions map[string]map[string]field `json:"definitions"`
}

func refName(s spec.Schema) string {
	r := s.Ref.String()
	return strings.TrimPrefix(r, "#/definitions/")
}

func describe(s spec.Schema) field {
	f := field{Ref: refName(s)}
	if len(s.Type) == 1 {
		f.Type = s.Type[0]
	}
	if ps, ok := s.Extensions["x-kubernetes-patch-strategy"].(string); ok {
		f.Strategy = ps
		if keys, ok := s.Extensions["x-kubernetes-list-map-keys"].([]interface{}); ok {
			for _, k := range keys {
				f.Keys = append(f.Keys, k.(string))
			}
		} else if mk, ok := s.Extensions["x-kubernetes-patch-merge-key"].(string); ok {
			f.Keys = []string{mk}
		}
	}
	if s.Items != nil && s.Items.Schema != nil {
		items := describe(*s.Items.Schema)
		f.Items = &items
	}
	if s.AdditionalProperties != nil && s.AdditionalProperties.Schema != nil {
		add := describe(*s.AdditionalProperties.Schema)
		f.Additional = &add
	}
	return f
}

func main() {
	root := openapi.Schema()
	out := output{
		Source:      "sigs.k8s.io/kustomize/kyaml v0.21.1 built-in OpenAPI (" + openapi.GetSchemaVersion() + ")",
		Kinds:       map[string]string{},
		Definitions: map[string]map[string]field{},
	}
	names := make([]string, 0, len(root.Definitions))
	for name := range root.Definitions {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		def := root.Definitions[name]
		props := map[string]field{}
		for p, s := range def.Properties {
			props[p] = describe(s)
		}
		if def.AdditionalProperties != nil && def.AdditionalProperties.Schema != nil {
			props["*"] = describe(*def.AdditionalProperties.Schema)
		}
		out.Definitions[name] = props
		if gvks, ok := def.Extensions["x-kubernetes-group-version-kind"].([]interface{}); ok {
			for _, g := range gvks {
				m := g.(map[string]interface{})
				apiVersion := m["version"].(string)
				if group := m["group"].(string); group != "" {
					apiVersion = group + "/" + apiVersion
				}
				out.Kinds[apiVersion+"/"+m["kind"].(string)] = name
			}
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

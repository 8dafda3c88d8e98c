# METADATA
# title: A conftest policy, as users write them
# description: |
#   Test-only. The gate must run package `main` like conftest does: string and object
#   results, warn vs deny, `exception` by rule name, helper functions in the package. Every
#   rule fires only for objects of kind Probe.
package main

probe_name(obj) := obj.metadata.name

deny contains concat("", ["probe ", probe_name(input), " denied"]) if input.kind == "Probe"

warn_probe contains {"msg": "probe warned", "severity": "info", "ticket": "OPS-1"} if input.kind == "Probe"

violation_exempt contains "never reported" if input.kind == "Probe"

deny_without_msg contains {"text": "no msg"} if input.kind == "Probe"

exception contains ["exempt"] if input.kind == "Probe"

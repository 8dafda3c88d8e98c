# METADATA
# title: Policy test coverage
# description: |
#   Build tool (not part of the policy). Input: {"report": `opa test --coverage --format
#   json`, "files": every .rego file under src/main/rego, "minimum": percent}. A rule file
#   the tests do not load, or load but cover less than the minimum, fails the build.
package treum.tools.coverage

files := input.report.files

main_files := [f | some f in input.files]

percent(file) := object.get(files, [file, "coverage"], 0)

covered := sum([object.get(files, [f, "covered_lines"], 0) | some f in main_files])

not_covered := sum([object.get(files, [f, "not_covered_lines"], 0) | some f in main_files])

summary := concat("\n", array.concat(
	[sprintf(
		"policy coverage: %s%% of the %d lines of %d rule files (minimum per file %s%%); %s%% with the tests themselves",
		[format((100 * covered) / max([1, covered + not_covered])), covered + not_covered, count(main_files), format(input.minimum), format(input.report.coverage)],
	)],
	[sprintf("  %6s%%  %s%s", [format(percent(f)), f, uncovered(f)]) | some f in sort(main_files)],
))

uncovered(file) := "" if count(object.get(files, [file, "not_covered"], [])) == 0

uncovered(file) := concat("", ["   not covered: lines ", concat(", ", sort({range(r) | some r in files[file].not_covered}))]) if {
	count(object.get(files, [file, "not_covered"], [])) > 0
}

range(r) := format_int(r.start.row, 10) if r.start.row == r.end.row

range(r) := concat("-", [format_int(r.start.row, 10), format_int(r.end.row, 10)]) if r.start.row != r.end.row

format(n) := format_int(n, 10) if n == floor(n)

format(n) := sprintf("%.1f", [n]) if n != floor(n)

failures contains concat("", [f, ": not loaded by the tests"]) if {
	some f in main_files
	not files[f]
}

failures contains concat("", [f, ": ", format(percent(f)), "% covered, below the minimum of ", format(input.minimum), "%"]) if {
	some f in main_files
	files[f]
	percent(f) < input.minimum
}

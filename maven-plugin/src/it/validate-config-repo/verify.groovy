// The gate failed (invoker.buildResult) for the expected reasons, and the reports are there.
def reports = new File(basedir, 'target/treum/reports')
def sarif = new File(reports, 'treum-policies.sarif').text
def junit = new File(reports, 'TEST-treum-policies.xml').text
def json = new File(reports, 'treum-report.json').text
def log = new File(basedir, 'build.log').text

['TREUM-IMG-001', 'TREUM-IMG-002', 'TREUM-RES-001', 'TREUM-SEC-002', 'TREUM-REL-001'].each { rule ->
  assert sarif.contains('"ruleId" : "' + rule + '"') || sarif.contains('"ruleId": "' + rule + '"') : "SARIF lacks $rule"
  assert junit.contains(rule) : "JUnit lacks $rule"
  assert json.contains(rule) : "JSON lacks $rule"
}
assert sarif.contains('base/deployment.yaml')
assert junit.contains('<failure')
// annotations name files from the git work tree's root, wherever the tree lies in it
assert log =~ /::error file=(.*\/)?base\/deployment.yaml,line=2,title=TREUM-SEC-002/
assert log.contains('policy violations:')
return true

// One commit on main that changes exactly the newTag line of each overlay, with the trailers.
def git(String... args) {
  def process = new ProcessBuilder(['git', '-C', new File(basedir, 'target/config.git').path] + (args as List))
      .redirectErrorStream(true).start()
  def output = process.inputStream.text
  assert process.waitFor() == 0 : output
  return output
}
assert git('rev-list', '--count', 'main').trim() == '2'
def message = git('log', '-1', '--format=%B', 'main')
assert message.startsWith('Bump treum-service to 1.4.2 in dr, production')
assert message.contains('Treum-Image: treum-service:1.4.2')
assert message.contains('Treum-Bump-Id: ')
def diff = git('diff', '--unified=0', 'main~1', 'main')
def changed = diff.readLines().findAll { (it.startsWith('+') || it.startsWith('-')) && !it.startsWith('+++') && !it.startsWith('---') }
assert changed == ['-    newTag: 1.0.0', '+    newTag: 1.4.2', '-    newTag: 1.0.0', '+    newTag: 1.4.2'] : diff
def result = new File(basedir, 'target/treum/bump.json').text
assert result.contains('"outcome" : "pushed"') || result.contains('"outcome": "pushed"')
return true

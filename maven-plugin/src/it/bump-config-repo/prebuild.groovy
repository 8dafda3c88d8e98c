// A config repository to bump: the TREUM platform tree committed to main of a bare repository.
def command(File dir, String... command) {
  def process = new ProcessBuilder(command as List).directory(dir).redirectErrorStream(true).start()
  def output = process.inputStream.text
  assert process.waitFor() == 0 : "${command.join(' ')}: $output"
  return output
}
def git = ['git', '-c', 'user.name=seed', '-c', 'user.email=seed@example.com', '-c', 'commit.gpgsign=false']
def config = new File(basedir, 'config')
command(config, 'git', 'init', '-q', '-b', 'main')
command(config, *(git + ['add', '.']))
command(config, *(git + ['commit', '-q', '-m', 'Seed']))
command(basedir, 'git', 'clone', '-q', '--bare', 'config', 'target/config.git')
return true

// Runs after the last invocation of this IT.
def root = basedir
def log = new File(root, 'build.log').text

assert new File(root, 'base/kustomization.yaml').isFile()
assert new File(root, 'base/shop-api/deployment-shop-api.yaml').isFile()
assert new File(root, 'overlays/production/kustomization.yaml').isFile()
assert new File(root, 'overlays/dr/kustomization.yaml').isFile()
// Only production autoscales: its HPA lives in the production overlay alone.
assert new File(root, 'overlays/production/horizontalpodautoscaler-shop-api.yaml').isFile()
assert !new File(root, 'overlays/dr/horizontalpodautoscaler-shop-api.yaml').exists()
// The repair in the last run restored the rendered tag.
def production = new File(root, 'overlays/production/kustomization.yaml').text
assert production.contains('newTag: 2.3.1')
assert !production.contains('9.9.9-hotfix')
// No staging folder is left behind.
assert !root.listFiles().any { it.name.startsWith('.treum-staging-') }
// Run 4 failed on the hand edit with a per-file diff and the way out.
assert log.contains('differs from the render of the definition')
assert log.contains('-    newTag: 9.9.9-hotfix')
assert log.contains('+    newTag: 2.3.1')
assert log.contains('Run mvn treum:render and commit the result.')
return true

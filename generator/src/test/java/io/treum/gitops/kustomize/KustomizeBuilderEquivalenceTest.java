package io.treum.gitops.kustomize;

/**
 * Runs {@link KustomizeBuilderEquivalenceProperties} in every build: surefire's default includes
 * pick up {@code *Test} classes, and jqwik runs the properties this class inherits.
 */
class KustomizeBuilderEquivalenceTest extends KustomizeBuilderEquivalenceProperties {}

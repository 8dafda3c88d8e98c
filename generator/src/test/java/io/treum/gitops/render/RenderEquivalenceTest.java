package io.treum.gitops.render;

/**
 * Runs {@link RenderEquivalenceProperties} in every build: surefire's default includes pick up
 * {@code *Test} classes, and jqwik runs the properties this class inherits.
 */
class RenderEquivalenceTest extends RenderEquivalenceProperties {}

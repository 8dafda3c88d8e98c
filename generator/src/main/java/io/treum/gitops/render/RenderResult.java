package io.treum.gitops.render;

import java.nio.file.Path;
import java.util.List;

/**
 * What a render wrote.
 *
 * @param outputDirectory the root written to
 * @param environments the overlays written
 * @param files the number of files written
 * @param objects the number of objects per environment, in environment order
 */
public record RenderResult(
    Path outputDirectory, List<String> environments, int files, List<Integer> objects) {}

package dev.hunt4j.samples;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link SampleDataSet#generate} wrote.
 *
 * @param dir the folder holding the data set
 * @param rowsPerFile data file name to its number of records (CSV rows without the header, JSON
 *     lines, or array elements), sorted by file name; the generated README is not listed
 */
public record Manifest(Path dir, Map<String, Long> rowsPerFile) {
  /**
   * Copies the map into an unmodifiable one sorted by file name.
   *
   * @param dir the folder holding the data set
   * @param rowsPerFile data file name to its number of records
   */
  public Manifest {
    Objects.requireNonNull(dir, "dir");
    rowsPerFile = Collections.unmodifiableSortedMap(new TreeMap<>(rowsPerFile));
  }

  /**
   * Path of one of the data set's files.
   *
   * @param name a file name, e.g. {@code dns_events.csv}
   * @return the file's path in {@link #dir()}
   */
  public Path file(String name) {
    return dir.resolve(name);
  }
}
